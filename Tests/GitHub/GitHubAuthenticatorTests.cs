using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Redeploy.Core;
using Redeploy.Core.GitHub;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: GitHub App authentication (JWT RS256, installation per repository, tokens kept until 5 minutes before expiry).</summary>
public sealed class GitHubAuthenticatorTests : IDisposable
{
    private static readonly GitHubRepository Shop = new("acme", "shop");
    private readonly FakeGitHub github = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RSA key = RSA.Create(2048);

    [Fact]
    public async Task App_LooksUpTheInstallationWithAJwtAndUsesItsToken()
    {
        ArrangeApp(expiresIn: TimeSpan.FromHours(1));
        using var client = NewAppClient(token: "ghp_ignored");

        await client.Client.CreateDeploymentStatusAsync(Shop, 1, new GitHubDeploymentStatus("queued"), CancellationToken.None);

        var lookup = Assert.Single(github.CallsTo("GET", "/repos/acme/shop/installation"));
        var jwt = lookup.Headers["authorization"]["Bearer ".Length..];
        AssertValidJwt(jwt);
        Assert.Equal(lookup.Headers["authorization"], Assert.Single(github.CallsTo("POST", "/app/installations/42/access_tokens")).Headers["authorization"]);
        // The App wins over the token.
        Assert.Equal("Bearer ghs_installation-1", Assert.Single(github.CallsTo("POST", "/repos/acme/shop/deployments/1/statuses")).Headers["authorization"]);
    }

    [Fact]
    public async Task App_KeepsTheInstallationTokenUntilFiveMinutesBeforeItExpires()
    {
        ArrangeApp(expiresIn: TimeSpan.FromHours(1));
        using var client = NewAppClient();

        await client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("Bearer ghs_installation-1", await client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None));
        Assert.Single(github.CallsTo("POST", "/app/installations/42/access_tokens"));

        time.Advance(TimeSpan.FromMinutes(1));
        await client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None);

        Assert.Equal(2, github.CallsTo("POST", "/app/installations/42/access_tokens").Count);
        Assert.Single(github.CallsTo("GET", "/repos/acme/shop/installation"));
    }

    [Fact]
    public async Task App_PemWithEscapedLineBreaks_IsRead()
    {
        ArrangeApp(expiresIn: TimeSpan.FromHours(1));
        using var client = new GitHubTestClient(github, time, o =>
        {
            o.AppId = "123";
            o.PrivateKey = key.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal);
        });

        Assert.Equal("Bearer ghs_installation-1", await client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None));
    }

    [Fact]
    public async Task App_NotInstalledOnTheRepository_Throws404()
    {
        github.On("GET", "/repos/acme/shop/installation", 404, """{"message": "Not Found"}""");
        using var client = NewAppClient();

        var e = await Assert.ThrowsAsync<GitHubApiException>(() => client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None));

        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task App_KeyFromKeyVault_IsReadThroughTheVaultAndSignsTheJwt()
    {
        ArrangeApp(expiresIn: TimeSpan.FromHours(1));
        var vault = new Mock<SecretClient>(MockBehavior.Strict);
        vault.Setup(c => c.GetSecretAsync("github-app-key", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(
                SecretModelFactory.KeyVaultSecret(new SecretProperties("github-app-key"), key.ExportRSAPrivateKeyPem()), Mock.Of<Response>()));
        var secrets = new KeyVaultSecrets(vault.Object, new RedeployOptions(), time, new CapturingLogger<KeyVaultSecrets>());
        using var client = new GitHubTestClient(github, time, o =>
        {
            o.AppId = "123";
            o.PrivateKey = "keyvault:github-app-key";
        }, secrets);

        Assert.Equal("Bearer ghs_installation-1", await client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None));

        AssertValidJwt(Assert.Single(github.CallsTo("GET", "/repos/acme/shop/installation")).Headers["authorization"]["Bearer ".Length..]);
        vault.Verify(c => c.GetSecretAsync("github-app-key", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task App_KeyVaultKeyUnreadable_ThrowsNamingTheSecretAndCallsNothing()
    {
        var vault = new Mock<SecretClient>(MockBehavior.Strict);
        vault.Setup(c => c.GetSecretAsync("github-app-key", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(403, "Forbidden", "Forbidden", null));
        var log = new CapturingLogger<KeyVaultSecrets>();
        using var client = new GitHubTestClient(github, time, o =>
        {
            o.AppId = "123";
            o.PrivateKey = "keyvault:github-app-key";
        }, new KeyVaultSecrets(vault.Object, new RedeployOptions(), time, log));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Authenticator.AuthorizationAsync(Shop, CancellationToken.None));

        Assert.Contains("keyvault:github-app-key", e.Message);
        Assert.Contains(log.Lines, line => line.Contains("github-app-key", StringComparison.Ordinal));
        Assert.Empty(github.CallsTo("GET", "/repos/acme/shop/installation"));
    }

    private void ArrangeApp(TimeSpan expiresIn)
    {
        github.On("GET", "/repos/acme/shop/installation", 200, """{"id": 42, "account": {"login": "acme"}}""");
        github.On("POST", "/app/installations/42/access_tokens", 201,
            $$"""{"token": "ghs_installation-1", "expires_at": "{{time.GetUtcNow().Add(expiresIn):yyyy-MM-ddTHH:mm:ssZ}}"}""");
        github.On("POST", "/repos/acme/shop/deployments/1/statuses", 201, """{"id": 1}""");
    }

    private GitHubTestClient NewAppClient(string? token = null) => new(github, time, o =>
    {
        o.Token = token;
        o.AppId = "123";
        o.PrivateKey = key.ExportRSAPrivateKeyPem();
    });

    private void AssertValidJwt(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.True(key.VerifyData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        Assert.Equal("123", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(time.GetUtcNow().AddSeconds(-60).ToUnixTimeSeconds(), claims.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal(time.GetUtcNow().AddMinutes(9).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    public void Dispose()
    {
        key.Dispose();
        github.Dispose();
    }
}
