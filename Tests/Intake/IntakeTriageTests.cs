using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;
using Redeploy.Tests.Integration;
using Xunit;
using static Redeploy.Tests.Intake.TriageCases;

namespace Redeploy.Tests.Intake;

/// <summary>The intake's decisions of CONTRACT §3, without storage: one row per answer.</summary>
public sealed class IntakeTriageTests
{
    [Theory]
    [InlineData("github ping", 200, "ping")]
    [InlineData("bitbucket server ping", 200, "ping")]
    [InlineData("issues event", 200, "issues")]
    [InlineData("tag push", 200, "tag v1.0 pushed")]
    [InlineData("deleted branch", 200, "branch main deleted")]
    [InlineData("deleted tag and tag push", 200, "tag v1.0 deleted; tag v2 pushed")]
    [InlineData("unknown services", 422, "nope")]
    [InlineData("services on a classic stack", 422, "Classic")]
    [InlineData("git information in the query of a signed stack", 400, "signed body")]
    [InlineData("too many pushes", 400, "too many pushes (40)")]
    [InlineData("push", 202, "queue")]
    [InlineData("push with a deleted branch beside it", 202, "queue")]
    [InlineData("git information in the query of an unsigned stack", 202, "queue")]
    [InlineData("services on a signed stack", 202, "queue")]
    [InlineData("curl without a body", 202, "queue")]
    public void Decide_Case_GivesItsAnswer(string name, int status, string detail)
    {
        var (stack, delivery, query) = Case(name);

        var (actualStatus, actualDetail) = Answer(IntakeTriage.Decide(stack, delivery, query, Now, NewId));

        Assert.Equal(status, actualStatus);
        Assert.Contains(detail, actualDetail);
    }

    [Fact]
    public void Decide_PushWithDeliveryId_QueuesARequestNamedAfterItWithOnlyTheDeployablePushes()
    {
        var stack = Stack(secret: null);
        var delivery = Delivery.Pushed(Sender.GitHub, "delivery-1", "push", [MainPush with { Branch = "gone", Deleted = true, Commit = null }, MainPush]);

        var result = Assert.IsType<QueueRequest>(IntakeTriage.Decide(stack, delivery, Query(("services", "web,redis")), Now, NewId));

        var record = result.Record;
        Assert.Equal(
            (stack.Uid, RequestIds.ForDelivery(stack.Uid, "delivery-1"), "shop", RequestStatus.Queued, Now, "GitHub", "delivery-1", "main@9f3c1a2"),
            (record.StackUid, record.RequestId, record.StackName, record.Status, record.ReceivedAt, record.Sender, record.DeliveryId, record.Summary));
        Assert.Equal(new PushRecord("https://github.com/acme/shop", "main", Commit), Assert.Single(record.Pushes!));
        var message = RequestQueue.Deserialize(result.Message);
        Assert.Equal((RequestMessage.CurrentVersion, record.RequestId, stack.Uid), (message.Version, message.RequestId, message.StackUid));
        var push = Assert.Single(message.Pushes);
        Assert.Equal(("https://github.com/acme/shop", "main", Commit), (Assert.Single(push.Repositories!), push.Branch, push.Commit));
        Assert.Equal(new[] { "web", "redis" }, message.Services!);
    }

    [Fact]
    public void Decide_PushWithoutDeliveryId_QueuesUnderTheNewRequestId()
    {
        var delivery = Delivery.Pushed(Sender.Generic, null, null, []);

        var result = Assert.IsType<QueueRequest>(IntakeTriage.Decide(Stack(secret: null), delivery, Query(), Now, NewId));

        Assert.Equal(NewId, result.Record.RequestId);
        Assert.Equal(NewId, RequestQueue.Deserialize(result.Message).RequestId);
        Assert.Equal("no Git information", result.Record.Summary);
        Assert.Empty(RequestQueue.Deserialize(result.Message).Pushes);
    }

    [Theory]
    [InlineData(SignatureCheck.Valid, Sender.GitHub, "push", true)]
    [InlineData(SignatureCheck.NotRequired, Sender.GitHub, "push", true)]
    [InlineData(SignatureCheck.MissingSignature, Sender.GitHub, "push", false)]
    [InlineData(SignatureCheck.MissingSignature, Sender.GitHub, "diagnostics:ping", false)]
    [InlineData(SignatureCheck.SignatureMismatch, Sender.GitHub, "push", false)]
    [InlineData(SignatureCheck.TimestampOutOfRange, Sender.Generic, null, false)]
    [InlineData(SignatureCheck.MissingSignature, Sender.BitbucketServer, "diagnostics:ping", true)]
    [InlineData(SignatureCheck.MissingSignature, Sender.BitbucketServer, "repo:refs_changed", false)]
    [InlineData(SignatureCheck.SignatureMismatch, Sender.BitbucketServer, "diagnostics:ping", false)]
    [InlineData(SignatureCheck.Valid, Sender.BitbucketServer, "repo:refs_changed", true)]
    public void IsAuthentic_Check_LetsInOnlyValidUnrequiredOrAnUnsignedBitbucketServerPing(SignatureCheck check, Sender sender, string? eventKey, bool authentic)
    {
        var headers = eventKey is null ? HookHeaders.Empty : new HookHeaders([new KeyValuePair<string, string>("X-Event-Key", eventKey)]);

        Assert.Equal(authentic, IntakeTriage.IsAuthentic(check, sender, headers));
    }

    [Theory]
    [InlineData(SignatureCheck.MissingSignature, "must be signed")]
    [InlineData(SignatureCheck.TimestampOutOfRange, "5 minutes")]
    [InlineData(SignatureCheck.SignatureMismatch, "does not match")]
    public void SignatureDetail_Check_SaysWhatFailed(SignatureCheck check, string words) =>
        Assert.Contains(words, IntakeTriage.SignatureDetail(check));

    private static (StoredStack Stack, Delivery Delivery, IReadOnlyDictionary<string, IReadOnlyList<string>> Query) Case(string name) => name switch
    {
        "github ping" => (Stack("s3cret"), Delivery.Ping(Sender.GitHub, "d", "ping"), Query()),
        "bitbucket server ping" => (Stack("s3cret"), Delivery.Ping(Sender.BitbucketServer, null, "diagnostics:ping"), Query()),
        "issues event" => (Stack(null), Delivery.Ignored(Sender.GitHub, "d", "issues", "event issues: not a push"), Query()),
        "tag push" => (Stack(null), Pushed(MainPush with { Branch = null, Tag = "v1.0" }), Query()),
        "deleted branch" => (Stack(null), Pushed(MainPush with { Commit = null, Deleted = true }), Query()),
        "deleted tag and tag push" => (Stack(null), Pushed(MainPush with { Branch = null, Tag = "v1.0", Deleted = true }, MainPush with { Branch = null, Tag = "v2" }), Query()),
        "unknown services" => (Stack(null), Pushed(MainPush), Query(("services", "web,nope"))),
        "services on a classic stack" => (Blog(), Pushed(MainPush), Query(("services", "web"))),
        "git information in the query of a signed stack" => (Stack("s3cret"), Delivery.Pushed(Sender.Generic, null, null, []), Query(("branch", "main"))),
        "too many pushes" => (Stack(null), Pushed(Enumerable.Range(0, 40).Select(i => MainPush with { RepositoryUrls = [$"https://github.com/acme/{new string('r', 900)}{i}"] }).ToArray()), Query()),
        "push" => (Stack("s3cret"), Pushed(MainPush), Query()),
        "push with a deleted branch beside it" => (Stack(null), Pushed(MainPush with { Branch = "old", Deleted = true }, MainPush), Query()),
        "git information in the query of an unsigned stack" => (Stack(null), Delivery.Pushed(Sender.Generic, null, null, [new Push([], "main", null, null)]), Query(("branch", "main"))),
        "services on a signed stack" => (Stack("s3cret"), Delivery.Pushed(Sender.Generic, null, null, []), Query(("services", "web"))),
        "curl without a body" => (Stack(null), Delivery.Pushed(Sender.Generic, null, null, []), Query()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    private static Delivery Pushed(params Push[] pushes) => Delivery.Pushed(Sender.GitHub, "delivery", "push", pushes);

    private static StoredStack Stack(string? secret) =>
        new(new string('a', 32), SampleStacks.Shop, [], secret, new Dictionary<string, string>());

    private static StoredStack Blog() =>
        new(new string('b', 32), SampleStacks.Blog, [], null, new Dictionary<string, string>());
}
