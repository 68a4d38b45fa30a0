using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

// Conformance with the real payloads kept next to the repository (shared/payloads, see its SOURCES.md): read in place,
// never copied into the project. Skipped silently where that folder is absent.
public sealed partial class DeliveryReaderTests
{
    private static readonly Dictionary<string, Expected> SharedExpectations = new()
    {
        ["github/push-branch-update.json"] = new(DeliveryKind.Push, "master", null, "199eddf46df50de8d02e99bf1c5fdb4101338224", false, "https://github.com/Codertocat/Hello-World.git"),
        ["github/push-tag-deleted.json"] = new(DeliveryKind.Push, null, "simple-tag", null, true, "https://github.com/Codertocat/Hello-World.git"),
        ["github/ping.json"] = new(DeliveryKind.Ping),
        ["github/workflow_run-completed.json"] = new(DeliveryKind.CiResult),
        ["gitea/push.json"] = new(DeliveryKind.Push, "master", null, "67b56589a45103f891bdee7c0546e5d40bc02001", false, "http://localhost:3000/example/example.git"),
        ["azure-devops/git.push.json"] = new(DeliveryKind.Push, "master", null, "298a79aa1552799a70718a0ee914d153d5a1a76b", false, "https://dev.azure.com/alexander0053/alex-test/_git/alex-test"),
    };

    [Fact]
    public void Read_SharedRealPayloads_GiveExpectedDeliveries()
    {
        if (SharedPayloadsFolder() is not { } folder)
        {
            return;
        }

        var read = 0;
        foreach (var sender in new[] { "github", "gitea", "azure-devops" })
        {
            var directory = Path.Combine(folder, sender);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.json"))
            {
                var name = $"{sender}/{Path.GetFileName(file)}";
                var body = File.ReadAllBytes(file);
                CheckShared(name, HookRequests.Create(body, HookRequests.Json, HeadersFor(sender, Path.GetFileName(file))));
                if (sender == "github")
                {
                    CheckShared(name, HookRequests.Create(HookRequests.AsForm(body), HookRequests.Form, HeadersFor(sender, Path.GetFileName(file))));
                }

                read++;
            }
        }

        Assert.True(read >= SharedExpectations.Count, $"only {read} shared payloads found in {folder}");
    }

    private static void CheckShared(string name, HookRequest request)
    {
        var outcome = DeliveryReader.Read(request);
        Assert.True(outcome.Succeeded, $"{name}: {outcome.Failure?.Detail}");
        if (!SharedExpectations.TryGetValue(name, out var expected))
        {
            return;
        }

        var delivery = outcome.Value;
        Assert.True(expected.Kind == delivery.Kind, $"{name}: {delivery.Kind}");
        if (expected.Kind != DeliveryKind.Push)
        {
            return;
        }

        var push = delivery.Pushes[0];
        Assert.Equal((name, expected.Branch, expected.Tag, expected.Commit, expected.Deleted), (name, push.Branch, push.Tag, push.Commit, push.Deleted));
        Assert.Contains(push.RepositoryUrls, url => Redeploy.Core.Hooks.RepositoryUrl.SameRepository(url, expected.Url));
    }

    private static string[] HeadersFor(string sender, string file) => sender switch
    {
        "github" => [$"X-GitHub-Event: {(file.StartsWith("workflow_run", StringComparison.Ordinal) ? "workflow_run" : file.Split('-', '.')[0])}",
            "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958"],
        "gitea" => ["X-Gitea-Event: push", "X-Gitea-Delivery: 1", "X-Gogs-Event: push", "X-GitHub-Event: push"],
        _ => [],
    };

    /// <summary>shared/payloads in the repository's folder or any folder above it (worktrees live a level deeper).</summary>
    private static string? SharedPayloadsFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RedeployFunctions.sln")))
        {
            directory = directory.Parent;
        }

        for (directory = directory?.Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "payloads");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed record Expected(
        DeliveryKind Kind, string? Branch = null, string? Tag = null, string? Commit = null, bool Deleted = false, string Url = "");
}
