using Microsoft.Extensions.Configuration;
using Redeploy.Cli.Dev;
using Redeploy.Cli.Output;
using Redeploy.Cli.Tokens;
using Redeploy.Core;

namespace Redeploy.Cli.Plumbing;

/// <summary>
/// What a command runs against: its settings (the environment, in the program; a dictionary, in tests), its output, the
/// clock and the working directory. Settings use environment names: <c>AzureWebJobsStorage</c>,
/// <c>Redeploy__PublicBaseUrl</c>, <c>REDEPLOY_TOKENS_FILE</c>.
/// </summary>
public sealed class CliContext
{
    /// <summary>Overrides where the local token cache lives (default: the user's config folder, redeploy/tokens.json).</summary>
    public const string TokensFileSetting = "REDEPLOY_TOKENS_FILE";

    private readonly IReadOnlyDictionary<string, string?> settings;

    public CliContext(
        IReadOnlyDictionary<string, string?> settings, CliOutput output, TimeProvider? time = null, string? workingDirectory = null)
    {
        this.settings = settings;
        Output = output;
        Time = time ?? TimeProvider.System;
        WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory();
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
    }

    public CliOutput Output { get; }

    public TimeProvider Time { get; }

    public string WorkingDirectory { get; }

    public IConfiguration Configuration { get; }

    /// <summary>Changes the options after they are read: tests give each run queues of its own (queue names are not settings).</summary>
    internal Action<RedeployOptions>? ConfigureOptions { get; init; }

    /// <summary>The context of the real program: the process environment, the console, the system clock.</summary>
    public static CliContext FromProcess()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value;
        }

        return new CliContext(environment, new CliOutput(Console.Out, Console.Error, rich: !Console.IsOutputRedirected));
    }

    /// <summary>An environment variable, for <c>secret: env:NAME</c>.</summary>
    public string? GetEnvironmentVariable(string name) => settings.TryGetValue(name, out var value) ? value : null;

    /// <summary>The folder holding RedeployFunctions.sln above the working directory, if any.</summary>
    public string? RepositoryRoot => NodeTools.FindRepositoryRoot(WorkingDirectory);

    /// <summary>Where <c>stacks apply</c> and <c>hook rotate</c> keep the tokens they issue.</summary>
    public TokenCache UserTokens => new(GetEnvironmentVariable(TokensFileSetting) is { Length: > 0 } path
        ? path
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "redeploy", "tokens.json"));

    /// <summary>Where <c>redeploy dev</c> keeps the tokens of its stacks: .azurite/ of the repository (git-ignored).</summary>
    public TokenCache DevTokens => new(Path.Combine(RepositoryRoot ?? WorkingDirectory, ".azurite", "dev-tokens.json"));

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
