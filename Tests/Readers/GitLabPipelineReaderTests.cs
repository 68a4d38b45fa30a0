using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GitLabPipelineReaderTests
{
    private const string EventUuid = "13792a34-cac6-4fda-95a8-c58e00a3954e";
    private const string Commit = "1cabf86e6a687e684926538f9e605454e0b64fab";

    [Theory]
    [InlineData("gitlab-pipeline-success.json", true, "success")]
    [InlineData("gitlab-pipeline-failed.json", false, "failed")]
    public void Read_FinishedBranchPipeline_GivesPipelineCheckOnTheBranchAtTheCommit(string fixture, bool succeeded, string conclusion)
    {
        var delivery = Read(HookRequests.Fixture("ci", fixture));

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal((Sender.GitLab, EventUuid, "Pipeline Hook"), (delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Equal(new CiCheck("pipeline", succeeded, conclusion), delivery.Ci);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", null, Commit), (push.Branch, push.Tag, push.Commit));
        Assert.Equal(["gitlab.acme.test/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls).Distinct());
    }

    [Fact]
    public void Read_PipelineAndPushOfOneProject_NameTheSameUrls()
    {
        var ci = Read(HookRequests.Fixture("ci", "gitlab-pipeline-success.json"));
        var push = Read(HookRequests.Fixture("gitlab", "gitlab-push-branch.json"), "Push Hook");

        Assert.Equal(ReaderHarness.Normalized(push.Pushes[0].RepositoryUrls).Order(), ReaderHarness.Normalized(ci.Pushes[0].RepositoryUrls).Order());
    }

    [Theory]
    [InlineData("gitlab-pipeline-running.json", "CI not finished")]
    [InlineData("gitlab-pipeline-merge-request.json", "merge request pipeline (only branch pipelines count)")]
    [InlineData("gitlab-pipeline-tag.json", "tag pipeline (only branch pipelines count)")]
    public void Read_PipelineThatDoesNotCount_IgnoredSayingWhy(string fixture, string reason)
    {
        var delivery = Read(HookRequests.Fixture("ci", fixture));

        Assert.Equal((DeliveryKind.Ignored, reason), (delivery.Kind, delivery.IgnoredReason));
        Assert.Empty(delivery.Pushes);
    }

    [Theory]
    [InlineData("created", "CI not finished")]
    [InlineData("waiting_for_resource", "CI not finished")]
    [InlineData("preparing", "CI not finished")]
    [InlineData("pending", "CI not finished")]
    [InlineData("canceling", "CI not finished")]
    [InlineData("manual", "CI not finished")]
    [InlineData("scheduled", "CI not finished")]
    [InlineData("skipped", "CI conclusion 'skipped' is neither success nor failure")]
    public void Read_OtherStatus_IgnoredSayingWhy(string status, string reason)
    {
        var json = $$"""{"object_kind": "pipeline", "object_attributes": {"ref": "main", "tag": false, "sha": "{{Commit}}", "source": "push", "status": "{{status}}"} }""";

        Assert.Equal(reason, Read(System.Text.Encoding.UTF8.GetBytes(json)).IgnoredReason);
    }

    [Fact]
    public void Read_LegacyPipelineWithoutSource_CountsAsABranchPipeline()
    {
        var json = $$"""{"object_kind": "pipeline", "object_attributes": {"ref": "master", "tag": false, "sha": "{{Commit}}", "status": "success"}, "project": {"web_url": "https://gitlab.acme.test/acme/shop"} }""";

        var delivery = Read(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(("master", Commit), (delivery.Pushes[0].Branch, delivery.Pushes[0].Commit));
    }

    [Theory]
    [InlineData("""{"object_attributes": {"ref": "main", "status": "success"}}""", "field 'object_attributes.sha': missing")]
    [InlineData("""{"object_attributes": {"ref": "main", "sha": "xyz", "status": "success"}}""", "field 'object_attributes.sha': expected a hex commit SHA")]
    [InlineData("""{"object_attributes": {"ref": "main", "sha": "abcdef1"}}""", "field 'object_attributes.status': missing")]
    [InlineData("""{"object_attributes": {"ref": "main", "tag": "no", "sha": "abcdef1", "status": "success"}}""", "field 'object_attributes.tag': expected a boolean, found a string")]
    [InlineData("""{"object_attributes": {"ref": "a\tb", "sha": "abcdef1", "status": "success"}}""", "field 'object_attributes.ref': ref name with a control character")]
    [InlineData("""{"object_attributes": "x"}""", "field 'object_attributes': expected an object, found a string")]
    [InlineData("""{"object_attributes": {"sha": "abcdef1", "status": "success"}, "project": {"web_url": "not a url"}}""", "field 'project.web_url': not a repository URL")]
    public void Read_MalformedPipeline_MalformedNamingTheField(string json, string detail)
    {
        var request = HookRequests.Create(json, HookRequests.Json, "X-Gitlab-Event: Pipeline Hook");

        ReaderHarness.AssertMalformed(DeliveryReader.Read(request), detail);
    }

    private static Delivery Read(byte[] body, string @event = "Pipeline Hook")
    {
        var request = HookRequests.Create(body, HookRequests.Json, $"X-Gitlab-Event: {@event}", $"X-Gitlab-Event-UUID: {EventUuid}");
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
