using System.Text;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

public sealed partial class DeliveryReaderTests
{
    private const string GenericJson = """{"branch": "main"}""";

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/vnd.github+json")]
    [InlineData("application/cloudevents+json")]
    [InlineData(null)]
    public void Read_JsonMediaType_ReadsBody(string? contentType)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(GenericJson, contentType));

        Assert.Equal("main", Assert.Single(outcome.Value.Pushes).Branch);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/octet-stream")]
    public void Read_OtherMediaTypeWithBody_UnsupportedMediaType(string contentType)
    {
        var failure = DeliveryReader.Read(HookRequests.Create(GenericJson, contentType)).Failure;

        Assert.Equal(FailureKind.UnsupportedMediaType, failure?.Kind);
        Assert.Contains(contentType.Split(';')[0], failure?.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(HookRequests.Form)]
    public void Read_EmptyBodyWithAnyMediaType_NoGitInformation(string contentType)
    {
        var delivery = DeliveryReader.Read(HookRequests.Create("", contentType)).Value;

        Assert.Equal((Sender.Generic, DeliveryKind.Push, 0), (delivery.Sender, delivery.Kind, delivery.Pushes.Count));
    }

    [Fact]
    public void Read_BodyNotUtf8_Malformed()
    {
        byte[] body = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        Assert.Equal(Failure.Malformed("body is not valid UTF-8"), DeliveryReader.Read(HookRequests.Create(body)).Failure);
    }

    [Fact]
    public void Read_FormPayloadNotUtf8_Malformed()
    {
        var request = HookRequests.Create("payload=%7B%22a%22%3A%22%FF%22%7D", HookRequests.Form, "X-GitHub-Event: push");

        Assert.Equal(Failure.Malformed("form field payload is not valid UTF-8"), DeliveryReader.Read(request).Failure);
    }

    [Theory]
    [InlineData("branch=main")]
    [InlineData("payloads=%7B%7D")]
    [InlineData("x")]
    public void Read_FormWithoutPayload_Malformed(string body)
    {
        var request = HookRequests.Create(body, HookRequests.Form, "X-GitHub-Event: push");

        Assert.Equal(Failure.Malformed("form body has no payload field"), DeliveryReader.Read(request).Failure);
    }

    [Fact]
    public void Read_JsonSentAsForm_ReadAsJson()
    {
        // What `curl -d '{"branch": "main"}' URL` sends.
        var outcome = DeliveryReader.Read(HookRequests.Create(GenericJson, HookRequests.Form));

        Assert.Equal("main", Assert.Single(outcome.Value.Pushes).Branch);
    }

    [Fact]
    public void Read_BitbucketPostForm_DetectedFromPayload()
    {
        var form = HookRequests.AsForm("""{"canon_url": "https://bitbucket.org", "commits": [], "repository": {"absolute_url": "/acme/blog/"}}"""u8.ToArray());

        var outcome = DeliveryReader.Read(HookRequests.Create(form, HookRequests.Form));

        // The Bitbucket POST reader is written elsewhere; whatever it answers, it is the one that answers.
        Assert.True(!outcome.Succeeded || outcome.Value.Sender == Sender.BitbucketPost);
    }

    [Fact]
    public void Read_ByteOrderMarkAndWhitespace_Ignored()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("\r\n  " + GenericJson + "\n")).ToArray();

        Assert.Equal("main", Assert.Single(DeliveryReader.Read(HookRequests.Create(body)).Value.Pushes).Branch);
    }

    [Theory]
    [InlineData("{\"ref\": \"refs/heads/main\",\n  \"after\": ", "malformed JSON at line 2, byte 11: ")]
    [InlineData("{\"ref\": \"refs/heads/main\"", "malformed JSON at line 1, byte 26: the body ends before its JSON is complete (truncated?)")]
    [InlineData("{\"ref\" \"refs/heads/main\"}", "malformed JSON at line 1, byte 8: ")]
    [InlineData("{\"ref\": 'main'}", "malformed JSON at line 1, byte 9: ")]
    [InlineData("{} {}", "malformed JSON at line 1, byte 4: ")]
    [InlineData("{\"a\": 1,}", "malformed JSON at line 1, byte ")]
    [InlineData("{\"a\": 1 /* note */}", "malformed JSON at line 1, byte ")]
    public void Read_BadJson_MalformedWithPosition(string json, string detailStart)
    {
        var failure = DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: push")).Failure;

        Assert.Equal(FailureKind.Malformed, failure?.Kind);
        Assert.StartsWith(detailStart, failure?.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", failure?.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-GitHub-Event: push")]
    [InlineData("X-GitHub-Event: issues")]
    [InlineData("X-Custom: generic")]
    public void Read_NestedPastDepthLimit_MalformedSayingSo(string header)
    {
        var json = "{\"a\": " + new string('[', 100) + new string(']', 100) + "}";

        var failure = DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, header)).Failure;

        Assert.Equal(FailureKind.Malformed, failure?.Kind);
        Assert.Matches(@"^malformed JSON at line 1, byte \d+: nested deeper than 64 levels$", failure?.Detail);
    }

    [Theory]
    [InlineData("""{"ref": "\ud800"}""")]
    [InlineData("""{"ref": "refs/heads/\udc00x"}""")]
    [InlineData("""{"\ud800": 1}""")]
    public void Read_EscapedLoneSurrogate_Malformed(string json)
    {
        var outcome = DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: push"));

        Assert.Equal(FailureKind.Malformed, outcome.Failure?.Kind);
        Assert.StartsWith("malformed JSON at byte offset ", outcome.Failure?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GitHubPushWithManyRootProperties_ReadsTheLastOfEachField()
    {
        // More root properties than DeliveryReader records: the reader walks the root instead. A repeated field takes its last value.
        var filler = string.Concat(Enumerable.Range(0, 200).Select(n => $"\"f{n}\": [{n}, {{\"x\": \"y\"}}], "));
        var after = new string('a', 40);
        var json = $$$"""{"ref": "refs/heads/old", {{{filler}}}"after": "{{{after}}}", "ref": "refs/heads/main", "repository": {"clone_url": "https://github.com/acme/shop.git"}}""";

        var push = Assert.Single(DeliveryReader.Read(HookRequests.Create(json, HookRequests.Json, "X-GitHub-Event: push")).Value.Pushes);

        Assert.Equal(("main", after), (push.Branch, push.Commit));
        Assert.Equal(["https://github.com/acme/shop.git"], push.RepositoryUrls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    public void Read_GitHubPushWithEmptyBody_MalformedAskingForAnObject(string body)
    {
        var failure = DeliveryReader.Read(HookRequests.Create(body, HookRequests.Json, "X-GitHub-Event: push")).Failure;

        Assert.Equal((FailureKind.Malformed, "the body must be a JSON object"), (failure?.Kind, failure?.Detail));
    }

    [Fact]
    public void Read_LongEscapedStrings_Accepted()
    {
        // 127 escapes: 762 bytes as sent (past the 256 the escape check keeps on the stack), 254 bytes of branch name (inside the cap).
        var json = $$"""{"branch": "{{string.Concat(Enumerable.Repeat("\\u00e9", 127))}}", "other": "\ud83d\ude00"}""";

        var push = Assert.Single(DeliveryReader.Read(HookRequests.Create(json)).Value.Pushes);

        Assert.Equal(new string('\u00e9', 127), push.Branch);
    }

    public static TheoryData<string, string, string[]> Fixtures => new()
    {
        { "github", "github-push-branch.json", ["X-GitHub-Event: push"] },
        { "github", "github-push-tag.json", ["X-GitHub-Event: push"] },
        { "github", "github-workflow-run-completed.json", ["X-GitHub-Event: workflow_run"] },
        { "gitea", "gitea-push-branch.json", ["X-Gitea-Event: push"] },
        { "azure-devops", "azure-devops-git-push-two-refs.json", [] },
        { "generic", "generic-push.json", [] },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_TruncatedOrCorruptedFixture_NeverThrows(string folder, string name, string[] headers)
    {
        var body = HookRequests.Fixture(folder, name);
        for (var length = 0; length < body.Length; length += 7)
        {
            AssertAnswers(HookRequests.Create(body[..length], HookRequests.Json, headers));
            AssertAnswers(HookRequests.Create(HookRequests.AsForm(body[..length]), HookRequests.Form, headers));
        }

        var random = new Random(body.Length);
        for (var i = 0; i < 200; i++)
        {
            var corrupted = body.ToArray();
            corrupted[random.Next(corrupted.Length)] = (byte)"{}[]\":,0aZ\\ \u00e9"[random.Next(13)];
            AssertAnswers(HookRequests.Create(corrupted, HookRequests.Json, headers));
        }
    }

    private static void AssertAnswers(HookRequest request)
    {
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded || outcome.Failure.Kind == FailureKind.Malformed, outcome.Failure?.Detail);
    }
}
