using Microsoft.Extensions.Time.Testing;
using Redeploy.Cli.Commands;
using Redeploy.Cli.Output;
using Redeploy.Cli.Plumbing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Cli;

/// <summary>
/// Runs <c>redeploy</c> in-process against the shared Azurite, with table and queue names, a token cache and a working
/// folder of its own, and captures stdout and stderr.
/// </summary>
public sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string?> settings;
    private readonly string suffix;

    public CliHarness(string connectionString, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        suffix = Guid.NewGuid().ToString("N")[..12];
        ConnectionString = connectionString;
        Time = time;
        Folder = Directory.CreateTempSubdirectory("redeploy-cli-").FullName;
        settings = new Dictionary<string, string?>
        {
            ["Redeploy__StacksTable"] = $"stacks{suffix}",
            ["Redeploy__RequestsTable"] = $"requests{suffix}",
            ["Redeploy__JobQueue"] = $"jobs-{suffix}",
            ["Redeploy__JobsTable"] = $"jobs{suffix}",
            ["Redeploy__PublicBaseUrl"] = "http://hooks.test/",
            [CliContext.TokensFileSetting] = Path.Combine(Folder, "config", "tokens.json"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Storage = CliStorage.Open(NewContext(new StringWriter(), new StringWriter()), connectionString);
    }

    public string ConnectionString { get; }

    public FakeTimeProvider? Time { get; }

    /// <summary>The working folder of the commands (a temporary one, outside any repository).</summary>
    public string Folder { get; }

    /// <summary>The same storage the commands use, for arranging and asserting.</summary>
    public CliStorage Storage { get; }

    public string TokensFile => settings[CliContext.TokensFileSetting]!;

    public void Set(string name, string? value) => settings[name] = value;

    /// <summary>Runs the command line with --connection to the test Azurite appended.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunRawAsync([.. args, "--connection", ConnectionString]);

    public async Task<CliRun> RunRawAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await RedeployCli.RunAsync(args, NewContext(stdout, stderr));
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "stacks", name);

    public async Task<StoredStack> StackAsync(string name) =>
        await Storage.Stacks.FindByNameAsync(name, CancellationToken.None) ?? throw new InvalidOperationException($"no stack {name}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private CliContext NewContext(TextWriter stdout, TextWriter stderr) =>
        new(new Dictionary<string, string?>(settings), new CliOutput(stdout, stderr, rich: false), Time, Folder)
        {
            ConfigureOptions = options =>
            {
                options.RequestQueue = $"requests-{suffix}";
                options.DeliveryQueue = $"deliveries-{suffix}";
                options.EventQueue = $"events-{suffix}";
            },
        };
}

/// <summary>One run of the command line: exit code, stdout and stderr.</summary>
public sealed record CliRun(int Exit, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}
