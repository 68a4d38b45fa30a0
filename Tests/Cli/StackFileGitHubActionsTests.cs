using Redeploy.Cli.StackFiles;
using Redeploy.Core.Deployments;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Cli;

/// <summary>The stack file's <c>deployer: {github-actions: {repository, workflow, ref}}</c> (CONTRACT §7).</summary>
public sealed class StackFileGitHubActionsTests
{
    [Fact]
    public void Read_GitHubActions_GivesItsTarget()
    {
        var read = Read("{ repository: acme/deploys, workflow: deploy.yml, ref: main }");

        Assert.Empty(read.Errors);
        var deployer = read.Stacks[0].Deployer!;
        Assert.Equal((GitHubActionsTarget.KindName, new GitHubActionsTarget("acme/deploys", "deploy.yml", "main")), (deployer.Kind, deployer.Target));
    }

    [Fact]
    public void Read_WorkflowById_Accepted()
    {
        var read = Read("{ repository: acme/deploys, workflow: \"161335\", ref: release/2 }");

        Assert.Equal(new GitHubActionsTarget("acme/deploys", "161335", "release/2"), read.Stacks[0].Deployer!.Target);
    }

    [Theory]
    [InlineData("{ repository: acme, workflow: deploy.yml, ref: main }", "stacks[0].deployer.github-actions.repository: 'acme' is not a GitHub repository: owner/name")]
    [InlineData("{ repository: acme/deploys, workflow: .github/workflows/deploy.yml, ref: main }", "stacks[0].deployer.github-actions.workflow: '.github/workflows/deploy.yml' is not a workflow")]
    [InlineData("{ repository: acme/deploys, workflow: deploy.yml }", "stacks[0].deployer.github-actions.ref: required")]
    [InlineData("{ repository: acme/deploys, ref: main }", "stacks[0].deployer.github-actions.workflow: required")]
    [InlineData("{ repository: acme/deploys, workflow: deploy.yml, ref: main, token: x }", "stacks[0].deployer.github-actions")]
    public void Read_BadGitHubActions_NamesTheField(string mapping, string error)
    {
        var read = Read(mapping);

        Assert.Empty(read.Stacks);
        Assert.Contains(read.Errors, e => e.ToString().Contains("deployer.yaml:4: " + error, StringComparison.Ordinal));
    }

    private static StackFileRead Read(string mapping) => StackFileReader.Read("deployer.yaml", new StringReader($$"""
        stacks:
          - name: shop
            kind: docker
            deployer: { github-actions: {{mapping}} }
            services:
              - name: web
                git: { repository: https://github.com/acme/shop.git, branch: main }
        """));
}
