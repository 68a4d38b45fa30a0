using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class BitbucketCommitStatusReaderTests
{
    private const string RequestUuid = "e2d9d6e4-6f4b-4a4e-9a43-0c1f6d6b1a2f";
    private const string Commit = "bdf6fac0519ffd1562461eb82e018ff62efffbc9";

    [Theory]
    [InlineData("repo:commit_status_updated", "bitbucket-cloud-commit-status-successful.json", true, "SUCCESSFUL")]
    [InlineData("repo:commit_status_created", "bitbucket-cloud-commit-status-successful.json", true, "SUCCESSFUL")]
    [InlineData("repo:commit_status_updated", "bitbucket-cloud-commit-status-failed.json", false, "FAILED")]
    public void Read_FinishedStatus_GivesKeyAsCheckOnTheRefnameAtTheCommit(string eventKey, string fixture, bool succeeded, string conclusion)
    {
        var delivery = Read(eventKey, HookRequests.Fixture("ci", fixture));

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal((Sender.BitbucketCloud, RequestUuid, eventKey), (delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Equal(new CiCheck("3343801", succeeded, conclusion), delivery.Ci);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", null, Commit), (push.Branch, push.Tag, push.Commit));
        Assert.Equal(["bitbucket.org/acme/shop"], ReaderHarness.Normalized(push.RepositoryUrls));
    }

    [Fact]
    public void Read_StatusAndPushOfOneRepository_NameTheSameUrls()
    {
        var ci = Read("repo:commit_status_updated", HookRequests.Fixture("ci", "bitbucket-cloud-commit-status-successful.json"));
        var push = Read("repo:push", HookRequests.Fixture("bitbucket-cloud", "bitbucket-cloud-push-two-branches.json"));

        Assert.Equal(push.Pushes[0].RepositoryUrls, ci.Pushes[0].RepositoryUrls);
    }

    [Fact]
    public void Read_StatusWithoutCommitOrRefname_TakesTheCommitFromItsLinkAndNamesNoBranch()
    {
        var delivery = Read("repo:commit_status_updated", HookRequests.Fixture("ci", "bitbucket-cloud-commit-status-link-only.json"));

        Assert.Equal(new CiCheck("mybuildtool", true, "SUCCESSFUL"), delivery.Ci);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal((null, Commit), (push.Branch, push.Commit));
    }

    [Theory]
    [InlineData("INPROGRESS", "CI not finished")]
    [InlineData("STOPPED", null)]
    [InlineData("PAUSED", "CI conclusion 'PAUSED' is neither success nor failure")]
    public void Read_OtherStates_AsTheContractSays(string state, string? reason)
    {
        var json = $$"""{"commit_status": {"key": "build", "state": "{{state}}", "refname": "main", "commit": {"hash": "{{Commit}}"} }, "repository": {"full_name": "acme/shop"} }""";

        var delivery = Read("repo:commit_status_updated", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(reason, delivery.IgnoredReason);
        Assert.Equal(reason is null ? DeliveryKind.CiResult : DeliveryKind.Ignored, delivery.Kind);
    }

    [Fact]
    public void Read_InProgressFixture_IgnoredAsNotFinished()
    {
        var delivery = Read("repo:commit_status_created", HookRequests.Fixture("ci", "bitbucket-cloud-commit-status-inprogress.json"));

        Assert.Equal((DeliveryKind.Ignored, "CI not finished"), (delivery.Kind, delivery.IgnoredReason));
    }

    [Theory]
    [InlineData("""{"commit_status": {"key": "b", "state": "SUCCESSFUL"}}""", "field 'commit_status.links.commit.href': missing")]
    [InlineData("""{"commit_status": {"key": "b", "state": "SUCCESSFUL", "links": {"commit": {"href": "https://api.bitbucket.org/2.0/repositories/a/b/commit/"}}}}""", "field 'commit_status.links.commit.href': expected a hex commit SHA")]
    [InlineData("""{"commit_status": {"key": "b", "state": "SUCCESSFUL", "commit": {"hash": "nothex"}}}""", "field 'commit_status.commit.hash': expected a hex commit SHA")]
    [InlineData("""{"commit_status": {"state": "SUCCESSFUL", "commit": {"hash": "abcdef1"}}}""", "field 'commit_status.key': missing")]
    [InlineData("""{"commit_status": {"key": 5, "state": "SUCCESSFUL"}}""", "field 'commit_status.key': expected a string, found a number")]
    [InlineData("""{"commit_status": {"key": "b", "refname": ["main"]}}""", "field 'commit_status.refname': expected a string, found an array")]
    public void Read_MalformedStatus_MalformedNamingTheField(string json, string detail)
    {
        var request = HookRequests.Create(json, HookRequests.Json, "X-Event-Key: repo:commit_status_updated", "X-Hook-UUID: h-1");

        ReaderHarness.AssertMalformed(DeliveryReader.Read(request), detail);
    }

    private static Delivery Read(string eventKey, byte[] body)
    {
        var request = HookRequests.Create(body, HookRequests.Json, $"X-Event-Key: {eventKey}", "X-Hook-UUID: 8b2b8b5e-3c1d-4f0e-9d8c-1b2a3c4d5e6f", $"X-Request-UUID: {RequestUuid}");
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
