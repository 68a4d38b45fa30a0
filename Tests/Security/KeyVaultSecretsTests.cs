using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Redeploy.Core;
using Redeploy.Core.Security;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Security;

/// <summary>Key Vault secrets over a mocked SecretClient (the Azure SDK's clients are built to be mocked).</summary>
public sealed class KeyVaultSecretsTests
{
    private const string Name = "shop-webhook-secret";
    private const string Value = "s3cr3t-from-the-vault";

    private readonly FakeTimeProvider time = new();
    private readonly CapturingLogger<KeyVaultSecrets> log = new();
    private readonly Mock<SecretClient> client = new(MockBehavior.Strict);
    private readonly RedeployOptions options = new() { KeyVaultCacheDuration = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task GetAsync_WithinCacheDuration_ReadsTheVaultOnce()
    {
        Returns(Value);
        var secrets = Secrets();

        Assert.Equal(Value, await secrets.GetAsync(Name, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(Value, await secrets.GetAsync(Name, CancellationToken.None));

        client.Verify(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_ManyCallsWhileTheVaultAnswers_ShareOneRead()
    {
        var answer = new TaskCompletionSource<Response<KeyVaultSecret>>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Setup(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>())).Returns(answer.Task);
        var secrets = Secrets();

        var calls = Enumerable.Range(0, 20).Select(_ => secrets.GetAsync(Name, CancellationToken.None).AsTask()).ToList();
        answer.SetResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(Name), Value), Mock.Of<Response>()));

        Assert.All(await Task.WhenAll(calls), value => Assert.Equal(Value, value));
        client.Verify(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_CallerCancelledWhileOthersWait_TheSharedReadGoesOn()
    {
        var answer = new TaskCompletionSource<Response<KeyVaultSecret>>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Setup(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>())).Returns(answer.Task);
        var secrets = Secrets();
        using var leaving = new CancellationTokenSource();

        var left = secrets.GetAsync(Name, leaving.Token).AsTask();
        var staying = secrets.GetAsync(Name, CancellationToken.None).AsTask();
        await leaving.CancelAsync();
        answer.SetResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(Name), Value), Mock.Of<Response>()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(Value, await staying);
        client.Verify(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_AfterCacheDuration_ReadsAgainAndTakesTheNewValue()
    {
        Returns(Value);
        var secrets = Secrets();
        await secrets.GetAsync(Name, CancellationToken.None);

        Returns("rotated-in-the-vault");
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("rotated-in-the-vault", await secrets.GetAsync(Name, CancellationToken.None));
        client.Verify(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_MissingSecret_NullWithOneLogLineNamingItAndAskedAgainOnlyAfterTheRetryDelay()
    {
        Throws(new RequestFailedException(404, "A secret with (name/id) shop-webhook-secret was not found in this key vault.", "SecretNotFound", null));
        var secrets = Secrets();

        Assert.Null(await secrets.GetAsync(Name, CancellationToken.None));
        Assert.Null(await secrets.GetAsync(Name, CancellationToken.None));
        var line = Assert.Single(log.Lines, l => l.StartsWith("Error 3501", StringComparison.Ordinal));
        Assert.Contains(Name, line);
        Assert.Contains("no such secret", line);
        client.Verify(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()), Times.Once);

        time.Advance(KeyVaultSecrets.FailureRetryAfter);
        Returns(Value);
        Assert.Equal(Value, await secrets.GetAsync(Name, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_AccessDenied_NullAndTheLogSaysWhyWithoutTheVaultsMessage()
    {
        Throws(new RequestFailedException(403, "Caller is not authorized to perform action on resource ... Assignment: (not found)", "Forbidden", null));

        Assert.Null(await Secrets().GetAsync(Name, CancellationToken.None));

        var line = Assert.Single(log.Lines, l => l.StartsWith("Error 3501", StringComparison.Ordinal));
        Assert.Contains("may not read it (403 Forbidden)", line);
        Assert.DoesNotContain("Caller is not authorized", line);
    }

    [Fact]
    public async Task GetAsync_ValueRead_NeverLogged()
    {
        Returns(Value);

        await Secrets().GetAsync(Name, CancellationToken.None);

        Assert.DoesNotContain(log.Lines, l => l.Contains(Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_NoVaultConfigured_NullSayingSo()
    {
        var secrets = new KeyVaultSecrets(null, options, time, log);

        Assert.Null(await secrets.GetAsync(Name, CancellationToken.None));
        Assert.Contains(log.Lines, l => l.Contains("Redeploy:KeyVaultUri is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateClient_WithoutKeyVaultUri_Null()
    {
        Assert.Null(KeyVaultSecrets.CreateClient(new RedeployOptions()));
        Assert.NotNull(KeyVaultSecrets.CreateClient(new RedeployOptions { KeyVaultUri = "https://kv-test.vault.azure.net/" }));
    }

    private KeyVaultSecrets Secrets() => new(client.Object, options, time, log);

    private void Returns(string value) =>
        client.Setup(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(Name), value), Mock.Of<Response>()));

    private void Throws(Exception exception) =>
        client.Setup(c => c.GetSecretAsync(Name, null, It.IsAny<CancellationToken>())).ThrowsAsync(exception);
}
