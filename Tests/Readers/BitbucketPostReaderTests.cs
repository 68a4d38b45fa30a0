using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Readers;

public sealed class BitbucketPostReaderTests
{
    private const string Folder = "bitbucket-post";

    private static Outcome<Delivery> Read(string json) => ReaderHarness.Read(new BitbucketPostReader(), [], json);

    [Fact]
    public void Read_TwoBranches_GivesOnePushPerBranchAtItsLastCommit()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-post-two-branches.json")).Value;

        Assert.Equal((DeliveryKind.Push, Sender.BitbucketPost, (string?)null, (string?)null),
            (delivery.Kind, delivery.Sender, delivery.DeliveryId, delivery.Event));
        Assert.Collection(
            delivery.Pushes,
            p => Assert.Equal(("main", "4444444444444444444444444444444444444444"), (p.Branch, p.Commit)),
            p => Assert.Equal(("feature/cart", "2222222222222222222222222222222222222222"), (p.Branch, p.Commit)));
        Assert.All(delivery.Pushes, p => Assert.Equal(["https://bitbucket.org/acme/shop/"], p.RepositoryUrls));
        Assert.All(delivery.Pushes, p => Assert.Equal(((string?)null, false), (p.Tag, p.Deleted)));
    }

    [Fact]
    public void Read_NoCommits_GivesOnePushNamingOnlyTheRepository()
    {
        var push = Assert.Single(Read(ReaderHarness.Fixture(Folder, "bitbucket-post-no-commits.json")).Value.Pushes);

        Assert.Equal(["https://bitbucket.org/acme/shop/"], push.RepositoryUrls);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (push.Branch, push.Tag, push.Commit));
    }

    [Fact]
    public void Read_CommitOnSeveralBranches_MovesEachOfThemToIt()
    {
        var delivery = Read(ReaderHarness.Fixture(Folder, "bitbucket-post-commit-on-several-branches.json")).Value;

        Assert.Collection(
            delivery.Pushes,
            p => Assert.Equal(("main", "2222222222222222222222222222222222222222"), (p.Branch, p.Commit)),
            p => Assert.Equal(("production", "2222222222222222222222222222222222222222"), (p.Branch, p.Commit)));
    }

    [Theory]
    [InlineData("""{"commits": [{"branch": "main", "node": "ABCDEF123456"}]}""", "main", "abcdef123456")]
    [InlineData("""{"commits": [{"branch": "main", "node": "abcdef123456", "raw_node": "ABCDEF1234567890abcdef1234567890abcdef12"}]}""", "main", "abcdef1234567890abcdef1234567890abcdef12")]
    [InlineData("""{"commits": [{"branch": "ma\u0069n", "raw_node": "\u0061bcd1234"}, {"branch": "main", "raw_node": "abcd5678"}]}""", "main", "abcd5678")]
    [InlineData("""{"commits": [{"branch": "main"}]}""", "main", null)]
    public void Read_CommitShapes_GiveTheBranchAtItsLastCommit(string json, string branch, string? commit)
    {
        var push = Assert.Single(Read(json).Value.Pushes);

        Assert.Equal((branch, commit), (push.Branch, push.Commit));
        Assert.Empty(push.RepositoryUrls);
    }

    [Theory]
    [InlineData("""{"repository": {"absolute_url": "/acme/shop/"}}""", "https://bitbucket.org/acme/shop/")]
    [InlineData("""{"canon_url": "https://bitbucket.example/", "repository": {"absolute_url": "acme/shop"}}""", "https://bitbucket.example/acme/shop")]
    public void Read_CanonAndAbsoluteUrl_GiveTheRepositoryUrl(string json, string url)
    {
        var push = Assert.Single(Read(json).Value.Pushes);

        Assert.Equal([url], push.RepositoryUrls);
    }

    [Fact]
    public void Read_CommitsWithoutBranch_AreNotAttributedToAnyBranch()
    {
        var push = Assert.Single(Read("""{"commits": [{"branch": null, "raw_node": "abcd1234"}]}""").Value.Pushes);

        Assert.Equal(((string?)null, (string?)null), (push.Branch, push.Commit));
    }

    [Theory]
    [InlineData("""{"commits": [{"branch": "main", """, "")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"commits": {}}""", "'commits'")]
    [InlineData("""{"commits": ["abcd1234"]}""", "'commits[]'")]
    [InlineData("""{"commits": [{"branch": 1}]}""", "'commits[].branch'")]
    [InlineData("""{"commits": [{"branches": ["main", 2]}]}""", "'commits[].branches[]'")]
    [InlineData("""{"commits": [{"branch": "main", "raw_node": "not-hex!"}]}""", "'commits[].raw_node'")]
    [InlineData("""{"commits": [{"branch": "main", "raw_node": "abc"}]}""", "'commits[].raw_node'")]
    [InlineData("""{"commits": [{"branch": "main", "raw_node": 1234}]}""", "'commits[].raw_node'")]
    [InlineData("""{"commits": [{"branch": "main", "node": "g1234567"}]}""", "'commits[].node'")]
    [InlineData("""{"repository": {"absolute_url": 5}}""", "'repository.absolute_url'")]
    [InlineData("""{"canon_url": "not a url", "repository": {"absolute_url": "/a/b/"}}""", "'repository.absolute_url'")]
    [InlineData("""{"canon_url": ["https://bitbucket.org"]}""", "'canon_url'")]
    public void Read_BadInput_IsMalformedNamingTheField(string json, string detail)
    {
        var outcome = Read(json);

        ReaderHarness.AssertMalformed(outcome, detail);
    }

    [Fact]
    public void Read_ShaLongerThanSixtyFourCharacters_IsMalformed()
    {
        var json = $$"""{"commits": [{"branch": "main", "raw_node": "{{new string('a', 65)}}"}]}""";

        Assert.Equal(FailureKind.Malformed, Read(json).Failure?.Kind);
    }

    [Fact]
    public void Read_ManyCommitsOnTheSameBranches_AllocatesNoMoreThanAFew()
    {
        var reader = new BitbucketPostReader();
        var few = Payload(10);
        var many = Payload(2000);
        ReaderHarness.Read(reader, [], few); // warm up

        var fewBytes = Allocated(reader, few);
        var manyBytes = Allocated(reader, many);

        Assert.InRange(manyBytes - fewBytes, long.MinValue, 1024);
    }

    private static long Allocated(BitbucketPostReader reader, byte[] json)
    {
        var request = new HookRequest(HookHeaders.Empty, HookRequest.NoQuery, json);
        var root = ReaderHarness.Index(json);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = reader.Read(request, root);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3, outcome.Value.Pushes.Count);
        return allocated;
    }

    private static byte[] Payload(int commits)
    {
        string[] branches = ["main", "feature/cart", "production"];
        var json = new StringBuilder("""{"canon_url": "https://bitbucket.org", "repository": {"absolute_url": "/acme/shop/"}, "commits": [""");
        for (var i = 0; i < commits; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append($$"""{"branch": "{{branches[i % 3]}}", "raw_node": "{{i:x40}}", "node": "{{i:x12}}", "message": "commit {{i}}"}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
