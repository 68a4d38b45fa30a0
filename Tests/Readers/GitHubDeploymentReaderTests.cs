using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;

namespace Redeploy.Tests.Readers;

/// <summary>CONTRACT §8: GitHub <c>deployment</c> events read as deploy requests (action created) or ignored.</summary>
public sealed class GitHubDeploymentReaderTests
{
    private const string DeliveryId = "d2f1c6a0-1b2c-11f0-8e3a-0242ac120002";
    private const string Sha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

    [Fact]
    public void Read_Created_GivesDeploymentRequestWithRepositoryBranchAndCommit()
    {
        var delivery = Read(HookRequests.Fixture("github", "github-deployment-created.json"));

        Assert.Equal((DeliveryKind.DeploymentRequest, Sender.GitHub, DeliveryId, "deployment"), (delivery.Kind, delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Equal(new GitHubDeploymentEvent(145988746, "production", CreatedByRedeploy: false), delivery.Deployment);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(new Push(push.RepositoryUrls, "main", null, Sha), push);
        Assert.Equal(["github.com/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls).Distinct());
    }

    [Fact]
    public void Read_CreatedByRedeploy_MarksIt()
    {
        var delivery = Read(HookRequests.Fixture("github", "github-deployment-created-by-redeploy.json"));

        Assert.Equal(new GitHubDeploymentEvent(145988800, "shop", CreatedByRedeploy: true), delivery.Deployment);
    }

    [Theory]
    [InlineData("main", "main", Sha)]
    [InlineData("refs/heads/release/2", "release/2", Sha)]
    [InlineData(Sha, null, Sha)]
    [InlineData("F95F852BD8FCA8FCC58A9A2D6C842781E32A215E", null, Sha)]
    [InlineData("f95f852", "f95f852", Sha)] // a short hex ref may be a branch: only a full SHA is taken for a commit
    [InlineData("refs/tags/v1.2", null, Sha)]
    public void Read_Ref_BranchUnlessAFullSha(string @ref, string? branch, string commit)
    {
        var push = Assert.Single(Read(Deployment($$"""{"id": 7, "ref": "{{@ref}}", "sha": "{{Sha}}", "environment": "shop"}""")).Pushes);

        Assert.Equal((branch, commit, (string?)null), (push.Branch, push.Commit, push.Tag));
    }

    [Fact]
    public void Read_RefIsAShaAndNoShaField_TheRefIsTheCommit()
    {
        var push = Assert.Single(Read(Deployment($$"""{"id": 7, "ref": "{{Sha}}", "environment": "shop"}""")).Pushes);

        Assert.Equal((null, Sha), (push.Branch, push.Commit));
    }

    [Theory]
    [InlineData("""{"redeploy": {}}""", true)]
    [InlineData("""{"other": 1, "redeploy": null}""", true)]
    [InlineData("""{"other": {"redeploy": 1}}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""null""", false)]
    [InlineData("\"{\\\"redeploy\\\": {}}\"", false)]
    public void Read_Payload_RedeployKeyAtItsTopOnly(string payload, bool createdByRedeploy)
    {
        var delivery = Read(Deployment($$$"""{"id": 7, "ref": "main", "sha": "{{{Sha}}}", "environment": "shop", "payload": {{{payload}}}}"""));

        Assert.Equal(createdByRedeploy, delivery.Deployment!.CreatedByRedeploy);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData(null)]
    public void Read_OtherAction_Ignored(string? action)
    {
        var json = $$$"""{"action": {{{(action is null ? "null" : $"\"{action}\"")}}}, "deployment": {"id": 7, "environment": "shop"}}""";

        var delivery = Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(DeliveryKind.Ignored, delivery.Kind);
        Assert.Equal($"deployment action '{action ?? "none"}' is not created", delivery.IgnoredReason);
    }

    [Fact]
    public void Read_DeploymentStatus_IgnoredAsNotAPush()
    {
        var delivery = Read(Deployment("""{"id": 7, "environment": "shop"}"""), "deployment_status");

        Assert.Equal((DeliveryKind.Ignored, "event 'deployment_status' is not a push"), (delivery.Kind, delivery.IgnoredReason));
    }

    [Theory]
    [InlineData("""{"action": "created"}""", "field 'deployment': missing")]
    [InlineData("""{"action": "created", "deployment": {"environment": "shop"}}""", "field 'deployment.id': missing")]
    [InlineData("""{"action": "created", "deployment": {"id": "7", "environment": "shop"}}""", "field 'deployment.id': expected a positive whole number")]
    [InlineData("""{"action": "created", "deployment": {"id": 1.5, "environment": "shop"}}""", "field 'deployment.id': expected a positive whole number")]
    [InlineData("""{"action": "created", "deployment": {"id": 7}}""", "field 'deployment.environment': missing")]
    [InlineData("""{"action": "created", "deployment": {"id": 7, "environment": ""}}""", "field 'deployment.environment': expected a name")]
    [InlineData("""{"action": "created", "deployment": {"id": 7, "environment": "a\u0007b"}}""", "field 'deployment.environment': expected a name")]
    [InlineData("""{"action": "created", "deployment": {"id": 7, "environment": "shop", "sha": "xyz"}}""", "field 'deployment.sha': expected a hex commit SHA")]
    [InlineData("""{"action": "created", "deployment": {"id": 7, "environment": "shop", "ref": 3}}""", "field 'deployment.ref': expected a string")]
    [InlineData("""{"action": "created", "deployment": "7"}""", "field 'deployment': expected an object")]
    public void Read_BadDeployment_MalformedNamingTheField(string json, string detail)
    {
        var request = HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: deployment");

        var outcome = DeliveryReader.Read(request);

        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Malformed, outcome.Failure!.Kind);
        Assert.StartsWith(detail, outcome.Failure.Detail);
    }

    [Fact]
    public void Read_EnvironmentLongerThanGitHubAllows_Malformed()
    {
        var request = HookRequests.Create(
            $$$"""{"action": "created", "deployment": {"id": 7, "environment": "{{{new string('e', 256)}}}"}}""", HookRequests.Json, "X-GitHub-Event: deployment");

        Assert.Contains("deployment.environment", DeliveryReader.Read(request).Failure!.Detail);
    }

    private static byte[] Deployment(string deployment) => Encoding.UTF8.GetBytes($$$"""
        {"action": "created", "deployment": {{{deployment}}},
         "repository": {"html_url": "https://github.com/acme/shop", "clone_url": "https://github.com/acme/shop.git"}}
        """);

    private static Delivery Read(byte[] body, string @event = "deployment")
    {
        var request = HookRequests.Create(body, HookRequests.Json, $"X-GitHub-Event: {@event}", $"X-GitHub-Delivery: {DeliveryId}");
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
