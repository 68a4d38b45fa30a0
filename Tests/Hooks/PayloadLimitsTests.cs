using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

/// <summary>
/// The caps of <see cref="PayloadLimits"/>, through <see cref="DeliveryReader.Read"/> as the intake calls it: each is a 400
/// naming what was over, and a payload just inside each is read. Hostile shapes are refused after one pass, not after a
/// scan per value (the assertions are on the answer; the shapes are the ones that cost seconds before).
/// </summary>
public sealed class PayloadLimitsTests
{
    private const string Sha = "9f3c1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    [Fact]
    public void Read_GitHubRepositoryRepeatingDistinctHtmlUrls_MalformedNamingTheCap()
    {
        var urls = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $"\"html_url\":\"https://github.com/acme/repo{i}\""));
        var body = $$$"""{"ref":"refs/heads/main","after":"{{{Sha}}}","repository":{{{{urls}}}}}""";

        var outcome = DeliveryReader.Read(GitHubPush(body));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxRepositoryUrls} repository URLs");
    }

    [Fact]
    public void Read_GitHubRepositoryRepeatingOneUrl_ReadsItOnce()
    {
        var urls = string.Join(",", Enumerable.Range(0, 4_000).Select(i => i % 2 == 0
            ? "\"html_url\":\"https://github.com/acme/shop\""
            : "\"clone_url\":\"https://github.com/ACME/shop.git\""));
        var body = $$$"""{"ref":"refs/heads/main","after":"{{{Sha}}}","repository":{{{{urls}}}}}""";

        var outcome = DeliveryReader.Read(GitHubPush(body));

        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        Assert.Equal(["https://github.com/acme/shop"], outcome.Value.Pushes.Single().RepositoryUrls);
    }

    [Fact]
    public void Read_TwentyDistinctRepositoryUrls_AllKept()
    {
        var urls = string.Join(",", Enumerable.Range(0, PayloadLimits.MaxRepositoryUrls).Select(i => $"\"html_url\":\"https://github.com/acme/repo{i}\""));
        var body = $$$"""{"ref":"refs/heads/main","after":"{{{Sha}}}","repository":{{{{urls}}}}}""";

        var outcome = DeliveryReader.Read(GitHubPush(body));

        Assert.Equal(PayloadLimits.MaxRepositoryUrls, outcome.Value.Pushes.Single().RepositoryUrls.Count);
    }

    [Fact]
    public void Read_GitLabProjectRepeatingDistinctUrls_MalformedNamingTheCap()
    {
        var urls = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $"\"web_url\":\"https://gitlab.com/acme/repo{i}\""));
        var body = $$$"""{"object_kind":"push","ref":"refs/heads/main","checkout_sha":"{{{Sha}}}","project":{{{{urls}}}}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, "X-Gitlab-Event: Push Hook"));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxRepositoryUrls} repository URLs");
    }

    [Fact]
    public void Read_BitbucketServerManyDistinctCloneLinks_MalformedNamingTheCap()
    {
        var links = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $$$"""{"href":"ssh://git@bitbucket.acme.test:7999/shop/repo{{{i}}}.git"}"""));
        var body = $$$$"""{"changes":[{"ref":{"id":"refs/heads/main"},"toHash":"{{{{Sha}}}}","type":"UPDATE"}],"repository":{"links":{"clone":[{{{{links}}}}]}}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, "X-Event-Key: repo:refs_changed"));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxRepositoryUrls} repository URLs");
    }

    [Fact]
    public void Read_BitbucketCloudMoreChangesThanTheCap_Malformed()
    {
        var changes = string.Join(",", Enumerable.Range(0, PayloadLimits.MaxPushes + 1)
            .Select(i => $$$$"""{"new":{"type":"branch","name":"b{{{{i}}}}","target":{"hash":"{{{{Sha}}}}"}}}"""));
        var body = $$$"""{"push":{"changes":[{{{changes}}}]},"repository":{"full_name":"acme/shop"}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, "X-Event-Key: repo:push"));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxPushes} pushes");
    }

    [Fact]
    public void Read_BitbucketCloudAsManyChangesAsTheCap_ReadsEvery()
    {
        var changes = string.Join(",", Enumerable.Range(0, PayloadLimits.MaxPushes)
            .Select(i => $$$$"""{"new":{"type":"branch","name":"b{{{{i}}}}","target":{"hash":"{{{{Sha}}}}"}}}"""));
        var body = $$$"""{"push":{"changes":[{{{changes}}}]},"repository":{"full_name":"acme/shop"}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, "X-Event-Key: repo:push"));

        Assert.Equal(PayloadLimits.MaxPushes, outcome.Value.Pushes.Count);
    }

    [Fact]
    public void Read_AzureDevOpsMoreRefUpdatesThanTheCap_Malformed()
    {
        var updates = string.Join(",", Enumerable.Range(0, PayloadLimits.MaxPushes + 1)
            .Select(i => $$$"""{"name":"refs/heads/b{{{i}}}","newObjectId":"{{{Sha}}}"}"""));
        var body = $$$"""{"eventType":"git.push","publisherId":"tfs","resource":{"refUpdates":[{{{updates}}}]}}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxPushes} pushes");
    }

    [Fact]
    public void Read_BitbucketPostManyDistinctBranches_MalformedNamingTheCap()
    {
        var commits = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $$$"""{"raw_node":"{{{Sha}}}","branch":"b{{{i}}}"}"""));
        var body = $$$"""{"canon_url":"https://bitbucket.org","repository":{"absolute_url":"/acme/shop/"},"commits":[{{{commits}}}]}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body));

        AssertMalformed(outcome, $"more than {PayloadLimits.MaxPushes} pushes");
    }

    [Fact]
    public void Read_BitbucketPostManyCommitsOnFewBranches_OnePushPerBranch()
    {
        var commits = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $$$"""{"raw_node":"{{{Sha}}}","branch":"b{{{i % 3}}}"}"""));
        var body = $$$"""{"canon_url":"https://bitbucket.org","repository":{"absolute_url":"/acme/shop/"},"commits":[{{{commits}}}]}""";

        var outcome = DeliveryReader.Read(HookRequests.Create(body));

        Assert.Equal(["b0", "b1", "b2"], outcome.Value.Pushes.Select(p => p.Branch));
    }

    [Theory]
    [InlineData("X-GitHub-Event: push", """{"ref":"refs/heads/{0}","after":"9f3c1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b","repository":{"html_url":"https://github.com/acme/shop"}}""")]
    [InlineData("X-Event-Key: repo:push", """{"push":{"changes":[{"new":{"type":"branch","name":"{0}","target":{"hash":"9f3c1a2b"}}}]},"repository":{"full_name":"acme/shop"}}""")]
    [InlineData("X-Event-Key: repo:refs_changed", """{"changes":[{"ref":{"displayId":"{0}","type":"BRANCH"},"toHash":"9f3c1a2b","type":"UPDATE"}]}""")]
    [InlineData("", """{"canon_url":"https://bitbucket.org","repository":{"absolute_url":"/acme/shop/"},"commits":[{"raw_node":"9f3c1a2b","branch":"{0}"}]}""")]
    [InlineData("", """{"branch":"{0}"}""")]
    public void Read_RefNameLongerThanTheCap_Malformed(string header, string template)
    {
        var atCap = DeliveryReader.Read(Request(template.Replace("{0}", new string('é', PayloadLimits.MaxRefNameBytes / 2)), header));
        var overCap = DeliveryReader.Read(Request(template.Replace("{0}", new string('é', PayloadLimits.MaxRefNameBytes / 2) + "xx"), header));

        Assert.True(atCap.Succeeded, atCap.Failure?.Detail);
        AssertMalformed(overCap, $"longer than {PayloadLimits.MaxRefNameBytes} bytes");
    }

    [Fact]
    public void Read_RefNameWithControlCharacter_Malformed()
    {
        var outcome = DeliveryReader.Read(GitHubPush($$$"""{"ref":"refs/heads/ma\nin","after":"{{{Sha}}}"}"""));

        AssertMalformed(outcome, "control character");
    }

    [Theory]
    [InlineData("X-GitHub-Event: push|X-GitHub-Delivery: {0}", """{"ref":"refs/heads/main","after":"9f3c1a2b"}""")]
    [InlineData("webhook-id: {0}", "")]
    [InlineData("", """{"id":"{0}","eventType":"git.push","publisherId":"tfs","resource":{"refUpdates":[{"name":"refs/heads/main","newObjectId":"9f3c1a2b"}]}}""")]
    public void Read_DeliveryIdLongerThanTheCap_Malformed(string headers, string body)
    {
        var atCap = DeliveryReader.Read(Request(body.Replace("{0}", new string('a', PayloadLimits.MaxDeliveryIdLength)), headers.Replace("{0}", new string('a', PayloadLimits.MaxDeliveryIdLength))));
        var over = new string('a', PayloadLimits.MaxDeliveryIdLength + 1);
        var overCap = DeliveryReader.Read(Request(body.Replace("{0}", over), headers.Replace("{0}", over)));

        Assert.True(atCap.Succeeded, atCap.Failure?.Detail);
        AssertMalformed(overCap, $"delivery id longer than {PayloadLimits.MaxDeliveryIdLength} characters");
    }

    [Fact]
    public void Read_RepositoryUrlLongerThanTheCap_Malformed()
    {
        var url = "https://github.com/acme/" + new string('r', PayloadLimits.MaxRepositoryUrlLength);

        var outcome = DeliveryReader.Read(HookRequests.Create($$$"""{"repository":"{{{url}}}"}"""));

        AssertMalformed(outcome, $"longer than {PayloadLimits.MaxRepositoryUrlLength} characters");
    }

    private static HookRequest GitHubPush(string body) =>
        HookRequests.Create(body, HookRequests.Json, "X-GitHub-Event: push", "X-GitHub-Delivery: 1");

    private static HookRequest Request(string body, string headers) =>
        HookRequests.Create(Encoding.UTF8.GetBytes(body), HookRequests.Json, headers.Split('|', StringSplitOptions.RemoveEmptyEntries));

    private static void AssertMalformed(Outcome<Delivery> outcome, string detail)
    {
        Assert.False(outcome.Succeeded, "expected a refusal");
        Assert.Equal(FailureKind.Malformed, outcome.Failure!.Kind);
        Assert.Contains(detail, outcome.Failure.Detail);
    }
}
