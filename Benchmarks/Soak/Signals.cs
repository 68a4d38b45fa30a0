using System.Diagnostics;

namespace Redeploy.Benchmarks.Soak;

/// <summary>POSIX signals to a process by id, through kill(1): pause and resume storage, end it gracefully.</summary>
internal static class Signals
{
    public static void Send(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {processId}") { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} failed");
        }
    }
}
