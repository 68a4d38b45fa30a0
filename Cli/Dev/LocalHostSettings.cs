using Microsoft.Extensions.Logging;

namespace Redeploy.Cli.Dev;

/// <summary>How to run the local host: storage, the HTTP port on 127.0.0.1, and optional overrides.</summary>
/// <param name="Settings">Extra configuration (e.g. "Redeploy:PublicBaseUrl"), applied over the defaults.</param>
public sealed record LocalHostSettings(
    string StorageConnectionString,
    int Port,
    IReadOnlyDictionary<string, string?>? Settings = null,
    LogLevel MinimumLevel = LogLevel.Information);
