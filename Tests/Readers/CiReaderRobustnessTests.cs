using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

/// <summary>Every CI fixture cut short or with a byte changed reads as a delivery or a 400, never an exception.</summary>
public sealed class CiReaderRobustnessTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "github-workflow-run-success.json", "X-GitHub-Event: workflow_run" },
        { "github-check-suite-success.json", "X-GitHub-Event: check_suite" },
        { "github-status-success.json", "X-GitHub-Event: status" },
        { "gitlab-pipeline-success.json", "X-Gitlab-Event: Pipeline Hook" },
        { "bitbucket-cloud-commit-status-link-only.json", "X-Event-Key: repo:commit_status_updated" },
        { "azure-devops-build-complete-succeeded.json", "X-Request-Id: 1" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_TruncatedOrCorruptedCiEvent_NeverThrows(string fixture, string header)
    {
        var body = HookRequests.Fixture("ci", fixture);
        for (var length = 0; length < body.Length; length += 11)
        {
            AssertAnswers(HookRequests.Create(body[..length], HookRequests.Json, header));
        }

        var random = new Random(body.Length);
        for (var i = 0; i < 300; i++)
        {
            var corrupted = body.ToArray();
            corrupted[random.Next(corrupted.Length)] = (byte)"{}[]\":,0aZ\\ \u0007"[random.Next(13)];
            AssertAnswers(HookRequests.Create(corrupted, HookRequests.Json, header));
        }
    }

    private static void AssertAnswers(HookRequest request)
    {
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded || outcome.Failure!.Kind == FailureKind.Malformed, outcome.Failure?.Detail);
        if (outcome.Succeeded && outcome.Value.Kind == DeliveryKind.CiResult)
        {
            Assert.NotNull(outcome.Value.Ci);
            Assert.All(outcome.Value.Pushes, push => Assert.NotNull(push.Commit));
        }
    }
}
