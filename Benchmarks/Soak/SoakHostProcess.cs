using System.Diagnostics;

namespace Redeploy.Benchmarks.Soak;

/// <summary>The soak's host as a child process (this program's <c>soak-host</c> command), so that it can be killed with SIGKILL.</summary>
internal sealed class SoakHostProcess
{
    private readonly Process process;
    private bool killed;

    private SoakHostProcess(Process process) => this.process = process;

    public static async Task<SoakHostProcess> StartAsync(string storage, int port, string logPath)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SoakHostProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "soak-host", "--storage", storage, "--port", port.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the soak host");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = TextWriter.Synchronized(new StreamWriter(logPath, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "READY")
            {
                ready.TrySetResult();
            }
            else if (e.Data is not null)
            {
                log.WriteLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.WriteLine(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"the soak host exited early; see {logPath}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return new SoakHostProcess(process);
    }

    public int ProcessId => process.Id;

    /// <summary>True when the host ended without being killed: a crash the soak reports.</summary>
    public bool HasExited => killed || process.HasExited;

    /// <summary>SIGKILL: no shutdown, whatever the host was doing stops mid-way. Once only.</summary>
    public void Kill()
    {
        if (killed)
        {
            return;
        }

        killed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
