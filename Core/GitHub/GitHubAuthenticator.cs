using System.Collections.Concurrent;
using System.Globalization;
using Redeploy.Core.Security;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The Authorization header for calls on a repository (CONTRACT §8): the configured token, or, for a GitHub App (which
/// wins when both are set), an installation token. The installation is looked up per repository; its token is kept until
/// five minutes before it expires. Nothing here is ever logged.
/// </summary>
public sealed class GitHubAuthenticator(GitHubConnection connection, GitHubOptions options, TimeProvider time, KeyVaultSecrets? vault = null)
    : IDisposable
{
    /// <summary>An installation token is renewed this long before GitHub says it expires.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    /// <summary>How long a repository's installation id is kept: an App can be reinstalled under a new id.</summary>
    public static readonly TimeSpan InstallationLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (long Id, DateTimeOffset Until)> installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, (string Token, DateTimeOffset Until)> tokens = new();
    private readonly GitHubAppKey key = new(options, vault);

    public async Task<string> AuthorizationAsync(GitHubRepository repository, CancellationToken cancellationToken)
    {
        if (!options.UsesApp)
        {
            return options.Token is { Length: > 0 } token
                ? "Bearer " + token
                : throw new InvalidOperationException("no GitHub credentials: set Redeploy:GitHub:Token, or Redeploy:GitHub:AppId and PrivateKey");
        }

        var now = time.GetUtcNow();
        var installation = await InstallationAsync(repository, now, cancellationToken);
        if (tokens.TryGetValue(installation, out var cached) && now < cached.Until)
        {
            return "Bearer " + cached.Token;
        }

        using var answer = await connection.SendAsync(
            HttpMethod.Post, $"/app/installations/{installation}/access_tokens", await AppAuthorizationAsync(now, cancellationToken), body: null, cancellationToken);
        var root = answer?.RootElement ?? throw new GitHubApiException(200, "POST /app/installations/{id}/access_tokens", "empty answer");
        var issued = root.GetProperty("token").GetString() ?? string.Empty;
        var expires = DateTimeOffset.Parse(root.GetProperty("expires_at").GetString()!, CultureInfo.InvariantCulture);
        tokens[installation] = (issued, expires - RenewBefore);
        return "Bearer " + issued;
    }

    private async Task<long> InstallationAsync(GitHubRepository repository, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (installations.TryGetValue(repository.FullName, out var known) && now < known.Until)
        {
            return known.Id;
        }

        using var answer = await connection.SendAsync(
            HttpMethod.Get,
            $"/repos/{GitHubConnection.Escape(repository.Owner)}/{GitHubConnection.Escape(repository.Name)}/installation",
            await AppAuthorizationAsync(now, cancellationToken),
            body: null,
            cancellationToken);
        var id = answer?.RootElement.GetProperty("id").GetInt64() ?? throw new GitHubApiException(200, "GET installation", "empty answer");
        installations[repository.FullName] = (id, now + InstallationLifetime);
        return id;
    }

    private async Task<string> AppAuthorizationAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        "Bearer " + GitHubAppJwt.Create(options.AppId!, await key.GetAsync(cancellationToken), now);

    public void Dispose() => key.Dispose();
}
