using Redeploy.Core.GitHub;
using Redeploy.Core.Matching;
using Redeploy.Core.Observers;
using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>CONTRACT §8: which deployments a request makes, which repositories are GitHub's, what each state posts.</summary>
public sealed class GitHubDeploymentPlanTests
{
    private static readonly GitHubOptions GitHubCom = new();

    [Fact]
    public void Targets_OnePerRepositoryAndRef_InTheStacksOrder()
    {
        var services = new ServiceDeployment[] { new("web", "abc"), new("worker", "abc"), new("api", Branch: "develop"), new("redis") };

        var targets = GitHubDeploymentPlan.Targets(SampleStacks.Shop, services, GitHubCom);

        Assert.Equal(["acme/shop@abc: web, worker", "acme/api@develop: api"], targets.Select(t => $"{t.Repository}@{t.Ref}: {string.Join(", ", t.Services)}"));
    }

    [Fact]
    public void Targets_ServiceWithoutCommitOrBranch_UsesItsConfiguredBranch()
    {
        var targets = GitHubDeploymentPlan.Targets(SampleStacks.Shop, [new ServiceDeployment("web")], GitHubCom);

        Assert.Equal("main", Assert.Single(targets).Ref);
    }

    [Fact]
    public void Targets_ClassicStackOnGitHub_OneDeploymentNamedAfterTheStack()
    {
        var stack = new Stack("site", StackKind.Classic, [], new GitSource("git@github.com:acme/site.git", "production"));

        var target = Assert.Single(GitHubDeploymentPlan.Targets(stack, [new ServiceDeployment("site", "abc")], GitHubCom));

        Assert.Equal(("acme/site", "abc", "site"), (target.Repository, target.Ref, Assert.Single(target.Services)));
    }

    [Fact]
    public void Targets_OtherHosts_MakeNone() =>
        Assert.Empty(GitHubDeploymentPlan.Targets(SampleStacks.Blog, [new ServiceDeployment("blog", "abc")], GitHubCom));

    [Theory]
    [InlineData("https://github.com/Acme/Shop.git", null, null, "acme/shop")]
    [InlineData("https://gitlab.com/acme/shop", null, null, null)]
    [InlineData("https://ghe.example.com/acme/shop", "https://ghe.example.com/api/v3", null, "acme/shop")]
    [InlineData("https://github.com/acme/shop", "https://ghe.example.com/api/v3", null, null)]
    [InlineData("git@code.example:acme/shop", "https://ghe.example.com/api/v3", "code.example", "acme/shop")]
    public void Repository_IsGitHubsWhenItsHostIsTheConfiguredOne(string url, string? apiUrl, string? host, string? expected)
    {
        var options = new GitHubOptions { ApiUrl = apiUrl ?? GitHubOptions.DefaultApiUrl, Host = host };

        Assert.Equal(expected, GitHubRepository.From(url, options)?.FullName);
    }

    [Fact]
    public void Description_LongerThan140_IsCut()
    {
        var description = GitHubDeploymentPlan.Description(Enumerable.Range(0, 40).Select(i => $"service{i}").ToList());

        Assert.Equal(140, description.Length);
        Assert.StartsWith("Redeploy: service0, service1", description);
        Assert.EndsWith("…", description);
    }

    [Theory]
    [InlineData(DeploymentState.Dispatched, null, "queued", null)]
    [InlineData(DeploymentState.Started, null, "in_progress", null)]
    [InlineData(DeploymentState.Succeeded, null, "success", null)]
    [InlineData(DeploymentState.Failed, "tests failed", "failure", "tests failed")]
    [InlineData(DeploymentState.Cancelled, "by Ann", "error", "cancelled: by Ann")]
    [InlineData(DeploymentState.Unreachable, null, "error", "deployer never reached")]
    public void Status_FollowsTheContractsMapping(DeploymentState state, string? description, string expected, string? expectedDescription)
    {
        var status = GitHubDeploymentPlan.Status(new GitHubUpdate(1, "u", "r", state, description));

        Assert.Equal((expected, expectedDescription), (status.State, status.Description));
    }
}
