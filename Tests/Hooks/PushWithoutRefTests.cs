using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

/// <summary>
/// Only the generic sender may carry "no Git information" (which redeploys the whole stack): a Git host's push that names
/// no ref is a 400, so that an unsigned event header cannot turn any captured body into a redeploy-everything push.
/// </summary>
public sealed class PushWithoutRefTests
{
    [Theory]
    [InlineData("{}", "X-GitHub-Event: push")]
    [InlineData("""{"after":"9f3c1a2b","repository":{"html_url":"https://github.com/acme/shop"}}""", "X-GitHub-Event: push")]
    [InlineData("{}", "X-Gitea-Event: push")]
    [InlineData("{}", "X-Gitlab-Event: Push Hook")]
    [InlineData("""{"push":{"changes":[]},"repository":{"full_name":"acme/shop"}}""", "X-Event-Key: repo:push")]
    [InlineData("""{"push":{}}""", "X-Event-Key: repo:push")]
    [InlineData("""{"changes":[]}""", "X-Event-Key: repo:refs_changed")]
    [InlineData("""{"canon_url":"https://bitbucket.org","repository":{"absolute_url":"/acme/shop/"},"commits":[]}""", "")]
    [InlineData("""{"eventType":"git.push","publisherId":"tfs","resource":{"refUpdates":[]}}""", "")]
    [InlineData("""{"eventType":"git.push","publisherId":"tfs","resource":{"refUpdates":[{"newObjectId":"9f3c1a2b"}]}}""", "")]
    public void Read_GitHostPushNamingNoRef_Malformed(string body, string header)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, header.Length == 0 ? [] : [header]));

        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Malformed, outcome.Failure!.Kind);
        Assert.Contains("push without a ref", outcome.Failure.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    public void Read_GenericCallNamingNothing_NoGitInformation(string body)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(body));

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Value.Pushes);
    }

    [Fact]
    public void Read_GitHubPushOfADeletedBranch_StillReadAsADeletion()
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(
            """{"ref":"refs/heads/old","after":"0000000000000000000000000000000000000000","deleted":true}""", HookRequests.Json, "X-GitHub-Event: push"));

        Assert.True(Assert.Single(outcome.Value.Pushes).Deleted);
    }
}
