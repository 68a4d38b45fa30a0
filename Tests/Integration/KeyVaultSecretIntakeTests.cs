using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Http;
using Moq;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A stack whose webhook secret is <c>keyvault:NAME</c> (CONTRACT §10), through the HTTP function against Azurite, with
/// the Key Vault client mocked: the stack stores the name only, signatures are checked against the vault's value, and
/// a secret that cannot be read is a 503 that queues nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KeyVaultSecretIntakeTests(AzuriteFixture azurite)
{
    private const string VaultName = "shop-webhook-secret";
    private const string VaultValue = "s3cr3t-in-key-vault";

    private readonly Mock<SecretClient> vault = new(MockBehavior.Strict);
    private readonly CapturingLogger<KeyVaultSecrets> vaultLog = new();

    [Fact]
    public async Task Post_SignedWithTheVaultsSecret_IsAcceptedAndTheStackStoresOnlyTheName()
    {
        VaultHolds(VaultValue);
        var (pipeline, hook, uid, token) = await CreateAsync();
        var body = Payloads.GitHubPush();
        var headers = Payloads.GitHubHeaders();
        headers["X-Hub-Signature-256"] = Payloads.Sign(VaultValue, body);

        var answer = await PostAsync(hook, uid, token, body, headers);

        Assert.Equal(202, answer.Status);
        var stored = await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None);
        Assert.Equal(VaultName, stored!.WebhookSecretKeyVaultName);
        Assert.Null(stored.WebhookSecret);
    }

    [Fact]
    public async Task Post_UnsignedOrSignedWithAnotherSecret_Answers401()
    {
        VaultHolds(VaultValue);
        var (_, hook, uid, token) = await CreateAsync();
        var body = Payloads.GitHubPush();
        var wrong = Payloads.GitHubHeaders();
        wrong["X-Hub-Signature-256"] = Payloads.Sign("not-the-vaults-secret", body);

        Assert.Equal(401, (await PostAsync(hook, uid, token, body, Payloads.GitHubHeaders())).Status);
        Assert.Equal(401, (await PostAsync(hook, uid, token, body, wrong)).Status);
    }

    [Fact]
    public async Task Post_VaultSecretMissing_Answers503WithRetryAfterAndQueuesNothing()
    {
        vault.Setup(c => c.GetSecretAsync(VaultName, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "not found", "SecretNotFound", null));
        var (pipeline, hook, uid, token) = await CreateAsync();
        var body = Payloads.GitHubPush();
        var headers = Payloads.GitHubHeaders();
        headers["X-Hub-Signature-256"] = Payloads.Sign(VaultValue, body);

        var answer = await PostAsync(hook, uid, token, body, headers);

        Assert.Equal(503, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Equal("30", answer.Headers["Retry-After"]);
        Assert.False((await pipeline.RequestQueueClient.PeekMessagesAsync()).Value.Length > 0);
        Assert.Single(vaultLog.Lines, l => l.Contains(VaultName, StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WrongToken_Answers404WithoutAskingTheVault()
    {
        var (_, hook, uid, _) = await CreateAsync();

        var answer = await PostAsync(hook, uid, HookToken.New(), Payloads.GitHubPush(), Payloads.GitHubHeaders());

        Assert.Equal(404, answer.Status);
        vault.VerifyNoOtherCalls();
    }

    private async Task<(TestPipeline Pipeline, HookFunction Hook, string Uid, string Token)> CreateAsync()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (stack, token) = StackTokens.NewStack(SampleStacks.Shop);
        var uid = stack.Uid;
        await pipeline.Stacks.SaveAsync(stack with { WebhookSecretKeyVaultName = VaultName }, CancellationToken.None);
        var secrets = new WebhookSecretResolver(new KeyVaultSecrets(vault.Object, pipeline.Options, pipeline.Time, vaultLog));
        var intake = new HookIntake(pipeline.Stacks, pipeline.Requests, pipeline.RequestQueue, pipeline.Options, pipeline.Time, pipeline.IntakeLog, secrets);
        return (pipeline, new HookFunction(intake), uid, token);
    }

    private void VaultHolds(string value) =>
        vault.Setup(c => c.GetSecretAsync(VaultName, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(VaultName), value), Mock.Of<Response>()));

    private static async Task<TestAnswer> PostAsync(HookFunction hook, string uid, string token, string body, IReadOnlyDictionary<string, string> headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("hooks.test");
        context.Request.Path = $"/stacks/redeploy/{uid}/{token}";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        var result = await hook.RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }
}
