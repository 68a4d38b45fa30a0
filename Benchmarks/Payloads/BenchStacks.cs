using Redeploy.Core.Stacks;

namespace Redeploy.Benchmarks.Payloads;

/// <summary>Docker stacks for the matching benchmark and the load run. Deterministic.</summary>
public static class BenchStacks
{
    /// <summary>
    /// <paramref name="services"/> services: two follow the pushed repository (web on main, worker on release), one in
    /// ten is an image, the rest follow repositories of their own, written in the URL forms people use (https with and
    /// without .git, scp-style ssh, ssh://), so that normalisation does real work.
    /// </summary>
    public static Stack Docker(int services)
    {
        var list = new List<Service>(services)
        {
            new("web", new GitSource($"https://github.com/{GitHubPushPayload.Owner}/{GitHubPushPayload.Repository}.git", GitHubPushPayload.Branch)),
            new("worker", new GitSource($"git@github.com:{GitHubPushPayload.Owner}/{GitHubPushPayload.Repository}.git", "release")),
        };
        for (var i = list.Count; i < services; i++)
        {
            list.Add(i % 10 == 9
                ? new Service($"cache-{i}", Image: "redis:7")
                : new Service($"svc-{i}", new GitSource(RepositoryFor(i), i % 2 == 0 ? "main" : "production")));
        }

        return new Stack("bench", StackKind.Docker, list);
    }

    private static string RepositoryFor(int i) => (i % 4) switch
    {
        0 => $"https://github.com/acme/service-{i}.git",
        1 => $"git@github.com:acme/service-{i}.git",
        2 => $"ssh://git@bitbucket.org/acme/service-{i}",
        _ => $"https://gitlab.com/acme/group/service-{i}/",
    };
}
