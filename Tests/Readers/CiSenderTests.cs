using System.Security.Cryptography;
using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Core.Security;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

/// <summary>
/// CI events are told apart and authenticated exactly as their sender's pushes (CONTRACT §9): the headers name the sender
/// before the body is read, and that sender's signature scheme checks the body.
/// </summary>
public sealed class CiSenderTests
{
    private const string Secret = "s3cr3t-value";

    [Theory]
    [InlineData("X-GitHub-Event: workflow_run", Sender.GitHub)]
    [InlineData("X-GitHub-Event: check_suite", Sender.GitHub)]
    [InlineData("X-GitHub-Event: status", Sender.GitHub)]
    [InlineData("X-Gitlab-Event: Pipeline Hook", Sender.GitLab)]
    [InlineData("X-Event-Key: repo:commit_status_created", Sender.BitbucketCloud)]
    [InlineData("X-Event-Key: repo:commit_status_updated", Sender.BitbucketCloud)]
    [InlineData("Authorization: Basic YXp1cmU6czNjcjN0LXZhbHVl", Sender.AzureDevOps)]
    public void ClaimedByHeaders_CiEventHeaders_NameTheSenderOfItsPushes(string header, Sender expected)
    {
        Assert.Equal(expected, SenderDetector.ClaimedByHeaders(HookRequests.Create("{}", HookRequests.Json, header).Headers));
    }

    [Fact]
    public void Read_AzureDevOpsBuildWithoutCredentialHeaders_IsToldByItsBody()
    {
        var delivery = DeliveryReader.Read(HookRequests.Create(HookRequests.Fixture("ci", "azure-devops-build-complete-succeeded.json"))).Value;

        Assert.Equal((Sender.AzureDevOps, DeliveryKind.CiResult), (delivery.Sender, delivery.Kind));
    }

    [Theory]
    [InlineData(Sender.GitHub, "github-workflow-run-success.json", "X-Hub-Signature-256")]
    [InlineData(Sender.GitHub, "github-status-success.json", "X-Hub-Signature-256")]
    [InlineData(Sender.BitbucketCloud, "bitbucket-cloud-commit-status-successful.json", "X-Hub-Signature")]
    public void Verify_CiEventSignedAsItsSenderSignsPushes_ValidAndAnyOtherBodyMismatches(Sender sender, string fixture, string header)
    {
        var body = HookRequests.Fixture("ci", fixture);
        var signature = $"{header}: sha256={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body))}";

        var signed = SignatureVerifier.Verify(sender, HookRequests.Create(body, HookRequests.Json, signature), Secret, TimeProvider.System);
        var tampered = SignatureVerifier.Verify(sender, HookRequests.Create([.. body, (byte)' '], HookRequests.Json, signature), Secret, TimeProvider.System);
        var unsigned = SignatureVerifier.Verify(sender, HookRequests.Create(body), Secret, TimeProvider.System);

        Assert.Equal((SignatureCheck.Valid, SignatureCheck.SignatureMismatch, SignatureCheck.MissingSignature), (signed, tampered, unsigned));
    }

    [Theory]
    [InlineData(Sender.GitLab, "X-Gitlab-Token: s3cr3t-value", SignatureCheck.Valid)]
    [InlineData(Sender.GitLab, "X-Gitlab-Token: wrong", SignatureCheck.SignatureMismatch)]
    [InlineData(Sender.AzureDevOps, "Authorization: Basic YXp1cmU6czNjcjN0LXZhbHVl", SignatureCheck.Valid)]
    [InlineData(Sender.AzureDevOps, "X-Redeploy-Secret: wrong", SignatureCheck.SignatureMismatch)]
    public void Verify_CiEventWithItsSendersSecretHeader_CheckedAsAPush(Sender sender, string header, SignatureCheck expected)
    {
        var request = HookRequests.Create(HookRequests.Fixture("ci", "gitlab-pipeline-success.json"), HookRequests.Json, header);

        Assert.Equal(expected, SignatureVerifier.Verify(sender, request, Secret, TimeProvider.System));
    }
}
