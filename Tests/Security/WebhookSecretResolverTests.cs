using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Redeploy.Core;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;
using Redeploy.Tests.Matching;

namespace Redeploy.Tests.Security;

public sealed class WebhookSecretResolverTests
{
    private readonly Mock<SecretClient> client = new(MockBehavior.Strict);

    [Fact]
    public async Task ResolveAsync_StoredSecret_TheStackAsItIsWithoutAskingTheVault()
    {
        var stack = Stack(secret: "stored", vaultName: null);

        Assert.Same(stack, await Resolver().ResolveAsync(stack, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_KeyVaultSecret_TheStackWithTheVaultsValue()
    {
        client.Setup(c => c.GetSecretAsync("shop-secret", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties("shop-secret"), "from-the-vault"), Mock.Of<Response>()));

        var resolved = await Resolver().ResolveAsync(Stack(secret: null, vaultName: "shop-secret"), CancellationToken.None);

        Assert.Equal("from-the-vault", resolved!.WebhookSecret);
    }

    [Fact]
    public async Task ResolveAsync_KeyVaultSecretUnreadable_Null()
    {
        client.Setup(c => c.GetSecretAsync("shop-secret", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "not found", "SecretNotFound", null));

        Assert.Null(await Resolver().ResolveAsync(Stack(secret: null, vaultName: "shop-secret"), CancellationToken.None));
    }

    private WebhookSecretResolver Resolver() =>
        new(new KeyVaultSecrets(client.Object, new RedeployOptions(), new FakeTimeProvider(), new CapturingLogger<KeyVaultSecrets>()));

    private static StoredStack Stack(string? secret, string? vaultName) =>
        new(HookToken.NewStackUid(), MatchingSamples.Shop, [], secret, new Dictionary<string, string>()) { WebhookSecretKeyVaultName = vaultName };
}
