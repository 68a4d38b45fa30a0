using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class AzureDevOpsBuildReaderTests
{
    private const string Commit = "6e12f6141917f66a2964af55952ee33914d2d91f";

    [Theory]
    [InlineData("azure-devops-build-complete-succeeded.json", true, "succeeded")]
    [InlineData("azure-devops-build-complete-failed.json", false, "failed")]
    public void Read_FinishedBuild_GivesDefinitionAsCheckOnTheSourceBranchAtTheSourceVersion(string fixture, bool succeeded, string conclusion)
    {
        var delivery = Read(HookRequests.Fixture("ci", fixture));

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal((Sender.AzureDevOps, "33433986-7f56-4969-bfd4-3e59774c75ad", "build.complete"), (delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Equal(new CiCheck("shop-ci", succeeded, conclusion), delivery.Ci);
        var push = Assert.Single(delivery.Pushes);
        Assert.Equal(("main", null, Commit), (push.Branch, push.Tag, push.Commit));
        Assert.Equal(["https://dev.azure.com/acme/Shop/_git/shop"], push.RepositoryUrls);
    }

    [Fact]
    public void Read_BuildAndPushOfOneRepository_NameOneRepository()
    {
        var ci = Read(HookRequests.Fixture("ci", "azure-devops-build-complete-succeeded.json"));
        var push = Read(HookRequests.Fixture("azure-devops", "azure-devops-git-push-two-refs.json"));

        Assert.Contains(push.Pushes[0].RepositoryUrls, url => Core.Hooks.RepositoryUrl.SameRepository(url, ci.Pushes[0].RepositoryUrls[0]));
    }

    [Theory]
    [InlineData("azure-devops-build-complete-in-progress.json", "CI not finished")]
    [InlineData("azure-devops-build-complete-no-repository.json", "build names no repository URL")]
    [InlineData("azure-devops-build-complete-pull-request.json", "pull request build (only branch builds count)")]
    public void Read_BuildThatDoesNotCount_IgnoredSayingWhy(string fixture, string reason)
    {
        var delivery = Read(HookRequests.Fixture("ci", fixture));

        Assert.Equal((DeliveryKind.Ignored, reason), (delivery.Kind, delivery.IgnoredReason));
        Assert.Empty(delivery.Pushes);
    }

    [Theory]
    [InlineData("\"status\": \"completed\", \"result\": \"canceled\"", null)]
    [InlineData("\"status\": \"completed\", \"result\": \"partiallySucceeded\"", "CI conclusion 'partiallySucceeded' is neither success nor failure")]
    [InlineData("\"status\": \"notStarted\"", "CI not finished")]
    [InlineData("\"status\": \"succeeded\"", null)]
    [InlineData("\"status\": \"completed\", \"result\": \"succeeded\", \"sourceBranch\": \"refs/tags/v1.4.0\"", "tag build (only branch builds count)")]
    public void Read_OtherResults_AsTheContractSays(string fields, string? reason)
    {
        var json = $$"""
            {"id": "1", "eventType": "build.complete", "publisherId": "tfs", "resource": {{{fields}}, "sourceVersion": "{{Commit}}",
             "definition": {"name": "ci"}, "repository": {"url": "https://github.com/acme/shop.git"} } }
            """;
        if (!fields.Contains("sourceBranch", StringComparison.Ordinal))
        {
            json = json.Replace("\"sourceVersion\"", "\"sourceBranch\": \"refs/heads/main\", \"sourceVersion\"", StringComparison.Ordinal);
        }

        var delivery = Read(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(reason, delivery.IgnoredReason);
        Assert.Equal(reason is null ? DeliveryKind.CiResult : DeliveryKind.Ignored, delivery.Kind);
    }

    [Theory]
    [InlineData("""{"eventType": "build.complete", "publisherId": "tfs", "resource": {"result": "succeeded", "repository": {"url": "https://github.com/a/b"}, "definition": {"name": "ci"}}}""", "field 'resource.sourceVersion': missing")]
    [InlineData("""{"eventType": "build.complete", "publisherId": "tfs", "resource": {"result": "succeeded", "sourceVersion": "abcdef1", "repository": {"url": "https://github.com/a/b"}}}""", "field 'resource.definition.name': missing")]
    [InlineData("""{"eventType": "build.complete", "publisherId": "tfs", "resource": {"result": "succeeded", "sourceVersion": "abcdef1", "repository": {"url": "no url"}}}""", "field 'resource.repository.url': not a repository URL")]
    [InlineData("""{"eventType": "build.complete", "publisherId": "tfs", "resource": {"result": 3}}""", "field 'resource.result': expected a string, found a number")]
    [InlineData("""{"eventType": "build.complete", "publisherId": "tfs", "resource": {"definition": "ci"}}""", "field 'resource.definition': expected an object, found a string")]
    public void Read_MalformedBuild_MalformedNamingTheField(string json, string detail)
    {
        ReaderHarness.AssertMalformed(DeliveryReader.Read(HookRequests.Create(json)), detail);
    }

    private static Delivery Read(byte[] body)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(body));
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
