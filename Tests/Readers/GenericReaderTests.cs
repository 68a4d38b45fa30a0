using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class GenericReaderTests
{
    private const string Repository = "https://github.com/acme/shop.git";
    private const string Commit = "9f3c1b2a7e4d5c6b8a9f0e1d2c3b4a5968778695";

    [Theory]
    [InlineData("", null)]
    [InlineData("", "application/json")]
    [InlineData("", "text/plain")]
    [InlineData("{}", "application/json")]
    [InlineData(" \r\n ", "application/json")]
    [InlineData("""{"repository": "", "branch": null, "note": "nightly"}""", "application/json")]
    public void Read_NothingNamed_PushDeliveryWithoutPushes(string body, string? contentType)
    {
        var delivery = Read(HookRequests.Create(body, contentType));

        Assert.Equal((Sender.Generic, DeliveryKind.Push, null), (delivery.Sender, delivery.Kind, delivery.Event));
        Assert.Empty(delivery.Pushes);
    }

    [Fact]
    public void Read_FullBody_GivesOnePush()
    {
        var delivery = Read(HookRequests.Create(HookRequests.Fixture("generic", "generic-push.json")));

        var push = Assert.Single(delivery.Pushes);
        Assert.Equal([Repository], push.RepositoryUrls);
        Assert.Equal(("main", null, Commit, false), (push.Branch, push.Tag, push.Commit, push.Deleted));
    }

    [Theory]
    [InlineData("""{"branch": "main"}""", null, "main", null, null)]
    [InlineData("""{"branch": "refs/heads/release/2"}""", null, "release/2", null, null)]
    [InlineData("""{"branch": "refs/tags/v1"}""", null, null, "v1", null)]
    [InlineData("""{"commit": "ABCDEF12"}""", null, null, null, "abcdef12")]
    [InlineData("""{"repository": "git@github.com:acme/shop.git"}""", "git@github.com:acme/shop.git", null, null, null)]
    public void Read_SomeFields_GivesPushWithThose(string json, string? repository, string? branch, string? tag, string? commit)
    {
        var push = Assert.Single(Read(HookRequests.Create(json)).Pushes);

        Assert.Equal(repository is null ? [] : [repository], push.RepositoryUrls);
        Assert.Equal((branch, tag, commit, false), (push.Branch, push.Tag, push.Commit, push.Deleted));
    }

    [Fact]
    public void Read_QueryParameters_GivePush()
    {
        var query = HookRequests.Query(("repository", Repository), ("branch", "main"), ("commit", Commit));

        var push = Assert.Single(Read(HookRequests.Create([], null, query)).Pushes);

        Assert.Equal([Repository], push.RepositoryUrls);
        Assert.Equal(("main", Commit), (push.Branch, push.Commit));
    }

    [Fact]
    public void Read_BodyAndQuery_MergeWithBodyWinning()
    {
        var query = HookRequests.Query(("repository", Repository), ("branch", "main"));
        var body = Encoding.UTF8.GetBytes($$"""{"branch": "staging", "commit": "{{Commit}}"}""");

        var push = Assert.Single(Read(HookRequests.Create(body, HookRequests.Json, query)).Pushes);

        Assert.Equal([Repository], push.RepositoryUrls);
        Assert.Equal(("staging", Commit), (push.Branch, push.Commit));
    }

    [Theory]
    [InlineData("webhook-id: msg_2b3c|Idempotency-Key: other", "msg_2b3c")]
    [InlineData("Idempotency-Key: run-42", "run-42")]
    [InlineData("", null)]
    public void Read_DeliveryIdHeaders_GiveDeliveryId(string headers, string? expected)
    {
        var request = HookRequests.Create("", null, headers.Split('|', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(expected, Read(request).DeliveryId);
    }

    [Theory]
    [InlineData("""{"branch": 5}""", "field 'branch': expected a string, found a number")]
    [InlineData("""{"repository": {"url": "x"}}""", "field 'repository': expected a string, found an object")]
    [InlineData("""{"repository": "not a url"}""", "field 'repository': not a repository URL")]
    [InlineData("""{"commit": "main"}""", "field 'commit': expected a hex commit SHA")]
    [InlineData("""["main"]""", "the body must be a JSON object")]
    [InlineData("\"main\"", "the body must be a JSON object")]
    public void Read_WrongBody_MalformedNamingField(string json, string detail)
    {
        Assert.Equal(new Failure(FailureKind.Malformed, detail), DeliveryReader.Read(HookRequests.Create(json)).Failure);
    }

    [Fact]
    public void Read_QueryCommitNotHex_Malformed()
    {
        var request = HookRequests.Create([], null, HookRequests.Query(("commit", "latest")));

        Assert.Equal(new Failure(FailureKind.Malformed, "field 'commit': expected a hex commit SHA"), DeliveryReader.Read(request).Failure);
    }

    private static Delivery Read(HookRequest request)
    {
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }
}
