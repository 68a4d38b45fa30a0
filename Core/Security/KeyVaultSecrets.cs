using System.Collections.Concurrent;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace Redeploy.Core.Security;

/// <summary>
/// Secrets read from the app's Key Vault (<see cref="RedeployOptions.KeyVaultUri"/>) with the app's identity, kept in
/// memory for <see cref="RedeployOptions.KeyVaultCacheDuration"/>. A secret that cannot be read (missing, access
/// denied, vault unreachable, no vault configured) is null, logged once by name (never by value), and not asked for again
/// for <see cref="FailureRetryAfter"/>, so that a Git host retrying cannot flood the vault or the log.
/// </summary>
public sealed class KeyVaultSecrets
{
    /// <summary>Entries held at most: names come from stack definitions, so a few; the bound keeps memory fixed anyway.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>How long a failed read is remembered: the same as the Retry-After of the 503 it causes.</summary>
    public static readonly TimeSpan FailureRetryAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> reads = new(StringComparer.Ordinal);
    private readonly SecretClient? client;
    private readonly RedeployOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public KeyVaultSecrets(SecretClient? client, RedeployOptions options, TimeProvider time, ILogger logger)
    {
        this.client = client;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>A client for <see cref="RedeployOptions.KeyVaultUri"/> with DefaultAzureCredential (on Azure the app's managed identity, named by AZURE_CLIENT_ID); null when no vault is set.</summary>
    public static SecretClient? CreateClient(RedeployOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyVaultUri))
        {
            return null;
        }

        // Few, quick retries: the intake must answer (503 if need be) well inside a Git host's 10-second limit.
        var clientOptions = new SecretClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        return new SecretClient(new Uri(options.KeyVaultUri), new DefaultAzureCredential(), clientOptions);
    }

    /// <summary>
    /// The secret's current value, or null when it cannot be read now. Calls that find it due meanwhile share one read:
    /// a burst of deliveries for a stack whose entry just expired asks the vault once.
    /// </summary>
    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (entries.TryGetValue(name, out var cached) && time.GetElapsedTime(cached.ReadAt) < Lifetime(cached))
        {
            return cached.Value;
        }

        var read = reads.GetOrAdd(name, static (key, self) => new Lazy<Task<string?>>(() => self.ReadSharedAsync(key)), this);
        return await read.Value.WaitAsync(cancellationToken);
    }

    // Not cancelled with any caller: callers share it, and the client's own timeouts end it.
    private async Task<string?> ReadSharedAsync(string name)
    {
        // Completes after GetOrAdd has stored this read, so the removal below always finds it.
        await Task.Yield();
        try
        {
            var readAt = time.GetTimestamp();
            var value = await ReadAsync(name, CancellationToken.None);
            if (entries.Count >= MaxEntries && !entries.ContainsKey(name))
            {
                entries.Clear();
            }

            entries[name] = new Entry(value, readAt);
            return value;
        }
        finally
        {
            reads.TryRemove(name, out _);
        }
    }

    private async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            Log.KeyVaultSecretUnavailable(logger, name, "Redeploy:KeyVaultUri is not set");
            return null;
        }

        try
        {
            var secret = await client.GetSecretAsync(name, version: null, cancellationToken);
            if (secret.Value.Value is { Length: > 0 } value)
            {
                return value;
            }

            Log.KeyVaultSecretUnavailable(logger, name, "the secret is empty");
        }
        catch (RequestFailedException e)
        {
            // The status and error code only: the message of a Key Vault error can quote the request.
            Log.KeyVaultSecretUnavailable(logger, name, e.Status switch
            {
                404 => "no such secret in the vault",
                401 or 403 => $"the app's identity may not read it ({e.Status} {e.ErrorCode})",
                0 => "the vault is unreachable",
                _ => $"the vault answered {e.Status} {e.ErrorCode}",
            });
        }
        catch (AuthenticationFailedException)
        {
            Log.KeyVaultSecretUnavailable(logger, name, "no identity to authenticate with");
        }

        return null;
    }

    private TimeSpan Lifetime(Entry entry) =>
        entry.Value is null ? FailureRetryAfter : options.KeyVaultCacheDuration;

    private sealed record Entry(string? Value, long ReadAt);
}
