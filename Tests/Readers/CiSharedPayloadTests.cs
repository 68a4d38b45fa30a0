using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Tests.Hooks;
using Xunit;

namespace Redeploy.Tests.Readers;

// Conformance with the real CI payloads kept next to the repository (shared/payloads/ci, see its SOURCES.md), with the
// headers their hosts send: read in place, never copied into the project. Nothing is checked where that folder is absent.
public sealed class CiSharedPayloadTests
{
    public static TheoryData<string, string, string?, string?, string?, string> Payloads => new()
    {
        // file, event header, check name (null: ignored), branches, commit, conclusion or ignored reason
        { "github-workflow-run-completed-success.json", "X-GitHub-Event: workflow_run", "test", "master", "3484a3fb816e0859fd6e1cea078d76385ff50625", "success" },
        { "github-workflow-run-requested.json", "X-GitHub-Event: workflow_run", null, null, null, "CI not finished" },
        { "github-check-suite-completed-success.json", "X-GitHub-Event: check_suite", "octocoders-linter", "changes", "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "success" },
        { "github-status-success.json", "X-GitHub-Event: status", "default", "master,changes,gh-pages", "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "success" },
        { "gitlab-pipeline-failed-push.json", "X-Gitlab-Event: Pipeline Hook", "pipeline", "iss-449", "1cabf86e6a687e684926538f9e605454e0b64fab", "failed" },
        { "gitlab-pipeline-success-legacy-no-source.json", "X-Gitlab-Event: Pipeline Hook", "pipeline", "master", "6f88e719ccde3804b1b669cef9dfb236a92fbbff", "success" },
        { "gitlab-pipeline-success-merge-request-event.json", "X-Gitlab-Event: Pipeline Hook", null, null, null, "merge request pipeline (only branch pipelines count)" },
        { "bitbucket-cloud-commit-status-created-inprogress.json", "X-Event-Key: repo:commit_status_created", null, null, null, "CI not finished" },
        { "bitbucket-cloud-commit-status-updated-successful.json", "X-Event-Key: repo:commit_status_updated", "3343801", "main", "bdf6fac0519ffd1562461eb82e018ff62efffbc9", "SUCCESSFUL" },
        { "bitbucket-cloud-commit-status-updated-successful-docs-format.json", "X-Event-Key: repo:commit_status_updated", "mybuildtool", null, "9fec847784abb10b2fa567ee63b85bd238955d0e", "SUCCESSFUL" },
        { "azure-devops-build-complete-succeeded.json", "Authorization: Basic dXNlcjpzZWNyZXQ=", "MainRepo (1)", "main", "6e12f6141917f66a2964af55952ee33914d2d91f", "succeeded" },
        { "azure-devops-build-complete-xaml-2016.json", "Authorization: Basic dXNlcjpzZWNyZXQ=", null, null, null, "build names no repository URL" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Read_RealCiPayload_GivesTheCheckOrTheReason(string file, string header, string? name, string? branches, string? commit, string conclusionOrReason)
    {
        if (ReaderHarness.ReferencePayload("ci", file) is not { } body)
        {
            return;
        }

        var outcome = DeliveryReader.Read(HookRequests.Create(body, "application/json; charset=utf-8", header, "X-Hook-UUID: h-1"));

        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        var delivery = outcome.Value;
        if (name is null)
        {
            Assert.Equal((DeliveryKind.Ignored, conclusionOrReason), (delivery.Kind, delivery.IgnoredReason));
            return;
        }

        Assert.Equal(DeliveryKind.CiResult, delivery.Kind);
        Assert.Equal((name, conclusionOrReason), (delivery.Ci!.Name, delivery.Ci.Conclusion));
        var expected = branches is null ? new string?[] { null } : branches.Split(',');
        Assert.Equal(expected, delivery.Pushes.Select(p => p.Branch));
        Assert.All(delivery.Pushes, push => Assert.Equal(commit, push.Commit));
        Assert.All(delivery.Pushes, push => Assert.NotEmpty(push.RepositoryUrls));
    }
}
