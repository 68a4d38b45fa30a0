using System.Security.Cryptography;
using Redeploy.Core.Security;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The GitHub App's private key: the PEM of <see cref="GitHubOptions.PrivateKey"/>, or, for <c>keyvault:NAME</c>, the
/// PEM read from the app's Key Vault (CONTRACT §10) and kept as long as the vault's value stays the same.
/// </summary>
internal sealed class GitHubAppKey(GitHubOptions options, KeyVaultSecrets? vault) : IDisposable
{
    public const string KeyVaultPrefix = "keyvault:";

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Pem, RSA Key)? current;

    /// <summary>The Key Vault secret name when the key is a reference; null for a PEM given inline.</summary>
    public static string? KeyVaultName(string? privateKey) =>
        privateKey is { } value && value.StartsWith(KeyVaultPrefix, StringComparison.Ordinal) ? value[KeyVaultPrefix.Length..].Trim() : null;

    public async ValueTask<RSA> GetAsync(CancellationToken cancellationToken)
    {
        var pem = await PemAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } known && known.Pem == pem)
            {
                return known.Key;
            }

            var rsa = RSA.Create();
            // An environment variable often carries the PEM's line breaks as "\n": both forms are read.
            rsa.ImportFromPem(pem.Contains('\n', StringComparison.Ordinal) ? pem : pem.Replace("\\n", "\n", StringComparison.Ordinal));
            current?.Key.Dispose();
            current = (pem, rsa);
            return rsa;
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<string> PemAsync(CancellationToken cancellationToken)
    {
        var configured = options.PrivateKey ?? throw new InvalidOperationException("Redeploy:GitHub:PrivateKey is not set");
        if (KeyVaultName(configured) is not { } name)
        {
            return configured;
        }

        // KeyVaultSecrets logs the failure by name; the caller's retry (the queue host's) asks again later.
        var value = vault is null ? null : await vault.GetAsync(name, cancellationToken);
        return value ?? throw new InvalidOperationException($"the GitHub App key {KeyVaultPrefix}{name} cannot be read from Key Vault now");
    }

    public void Dispose()
    {
        current?.Key.Dispose();
        gate.Dispose();
    }
}
