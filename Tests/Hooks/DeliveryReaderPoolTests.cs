using System.Buffers;
using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

/// <summary>Form bodies are decoded without a copy of their own that outlives the read (issue 18).</summary>
public sealed class DeliveryReaderPoolTests
{
    private static readonly string[] GitHubPush = ["X-GitHub-Event: push", "X-GitHub-Delivery: d-1"];

    public static TheoryData<string, string, bool> FormBodies => new()
    {
        { "a push", PushForm(), true },
        { "malformed JSON in the payload", "payload=%7B%22ref%22%3A", false },
        { "a payload that is not UTF-8", "payload=%7B%22a%22%3A%22%FF%22%7D", false },
        { "no payload field", "other=1", false },
    };

    [Theory]
    [MemberData(nameof(FormBodies))]
    public void Read_FormBodyWithoutOwnBody_ReturnsWhatItRentedOnEveryPath(string name, string body, bool succeeds)
    {
        var pool = new CountingPool();

        var read = DeliveryReader.Read(Request(Encoding.ASCII.GetBytes(body)), Memory<byte>.Empty, pool);

        Assert.True(succeeds == read.Succeeded, name);
        Assert.Equal(0, pool.Outstanding);
        Assert.InRange(pool.Rented, 0, 1);
    }

    [Theory]
    [MemberData(nameof(FormBodies))]
    public void Read_FormBodyWithItsOwnBody_DecodesInPlaceAndRentsNothing(string name, string body, bool succeeds)
    {
        var pool = new CountingPool();
        var bytes = Encoding.ASCII.GetBytes(body);

        var read = DeliveryReader.Read(Request(bytes), bytes, pool);

        Assert.True(succeeds == read.Succeeded, name);
        Assert.Equal(0, pool.Rented);
    }

    [Fact]
    public void Read_FormBodyInPlace_ReadsWhatACopyReads()
    {
        var bytes = Encoding.ASCII.GetBytes(PushForm());
        var copied = DeliveryReader.Read(Request(bytes.ToArray()));

        var inPlace = DeliveryReader.Read(Request(bytes), bytes, new CountingPool());

        var (expected, actual) = (Assert.Single(copied.Value.Pushes), Assert.Single(inPlace.Value.Pushes));
        Assert.Equal((expected.Branch, expected.Commit, "d-1"), (actual.Branch, actual.Commit, inPlace.Value.DeliveryId));
        Assert.Equal(expected.RepositoryUrls, actual.RepositoryUrls);
    }

    [Fact]
    public void Read_JsonBody_RentsNothing()
    {
        var pool = new CountingPool();

        var read = DeliveryReader.Read(HookRequests.Create(HookRequests.Fixture("github", "github-push-branch.json"), HookRequests.Json, GitHubPush), Memory<byte>.Empty, pool);

        Assert.True(read.Succeeded);
        Assert.Equal(0, pool.Rented);
    }

    private static string PushForm() => Encoding.ASCII.GetString(HookRequests.AsForm(HookRequests.Fixture("github", "github-push-branch.json")));

    private static HookRequest Request(byte[] body) => HookRequests.Create(body, HookRequests.Form, GitHubPush);

    /// <summary>Counts what is rented and returned.</summary>
    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Outstanding { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            Outstanding++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Outstanding--;
    }
}
