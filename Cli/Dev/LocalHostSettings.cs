using Microsoft.Extensions.Logging;

namespace Redeploy.Cli.Dev;

/// <summary>How to run the local host: storage, the HTTP port on 127.0.0.1, and optional overrides.</summary>
/// <param name="Settings">Extra configuration (e.g. "Redeploy:PublicBaseUrl"), applied over the defaults.</param>
/// <param name="RetryDelay">Overrides host.json's visibilityTimeout, the wait before a failed message is tried again.</param>
/// <param name="ReconcileInterval">How often the reconciler runs (the function's timer: every 20 s).</param>
public sealed record LocalHostSettings(
    string StorageConnectionString,
    int Port,
    IReadOnlyDictionary<string, string?>? Settings = null,
    LogLevel MinimumLevel = LogLevel.Information,
    TimeSpan? RetryDelay = null,
    TimeSpan? ReconcileInterval = null);
