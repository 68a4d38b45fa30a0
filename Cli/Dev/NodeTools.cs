using System.Diagnostics;

namespace Redeploy.Cli.Dev;

/// <summary>Finds Azurite in the repository's node_modules, installing it with npm (from package-lock.json) when missing.</summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<string> EnsureAzuriteAsync(string repositoryRoot, Action<string>? progress, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(script))
            {
                progress?.Invoke("Installing the Azurite storage emulator with npm (first run only)...");
                var command = File.Exists(Path.Combine(repositoryRoot, "package-lock.json")) ? "ci" : "install";
                var start = new ProcessStartInfo("npm") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
                foreach (var argument in new[] { command, "--no-audit", "--no-fund", "--loglevel=error" })
                {
                    start.ArgumentList.Add(argument);
                }

                using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started: is Node.js installed?");
                await npm.WaitForExitAsync(cancellationToken);
                if (npm.ExitCode != 0 || !File.Exists(script))
                {
                    throw new InvalidOperationException($"npm {command} failed (exit {npm.ExitCode}) in {repositoryRoot}");
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return script;
    }

    /// <summary>The folder holding RedeployFunctions.sln, searched upwards from <paramref name="start"/>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RedeployFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
