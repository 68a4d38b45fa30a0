using System.Diagnostics;
using System.Reflection;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Infra;

/// <summary>
/// The Bicep CLI that the test project's PackageDownload puts in the NuGet cache (Azure.Bicep.CommandLine.linux-x64),
/// run over infra/ of this repository.
/// </summary>
internal static class BicepCli
{
    public static string InfraDirectory { get; } = Path.Combine(AzuriteFixture.RepositoryRoot, "infra");

    public static string MainFile { get; } = Path.Combine(InfraDirectory, "main.bicep");

    private static readonly Lazy<string> Executable = new(FindExecutable);

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no lookup of newer versions: the run stays offline and the same on every machine.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await output, await error);
    }

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {path}: restore Tests/Tests.csproj (its PackageDownload brings it).");
        }

        // NuGet does not always keep the executable bit of a package's files.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
