using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.GitHub;
using Redeploy.Core.Security;

namespace Redeploy.Tests.GitHub;

/// <summary>The real GitHub client, connection and authenticator, pointed at a <see cref="FakeGitHub"/>.</summary>
public sealed class GitHubTestClient : IDisposable
{
    private readonly HttpClient http = new();

    public GitHubTestClient(FakeGitHub github, FakeTimeProvider time, Action<GitHubOptions>? configure = null, KeyVaultSecrets? vault = null)
    {
        Options = new GitHubOptions { ApiUrl = github.ApiUrl, Host = "github.com", Token = "ghp_test-token" };
        configure?.Invoke(Options);
        Connection = new GitHubConnection(http, Options, time);
        Authenticator = new GitHubAuthenticator(Connection, Options, time, vault);
        Client = new GitHubClient(Connection, Authenticator);
    }

    public GitHubOptions Options { get; }

    public GitHubConnection Connection { get; }

    public GitHubAuthenticator Authenticator { get; }

    public GitHubClient Client { get; }

    public void Dispose()
    {
        Authenticator.Dispose();
        http.Dispose();
    }
}
