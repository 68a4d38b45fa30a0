using Redeploy.Cli.StackFiles;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Cli;

/// <summary>The stack file's <c>deploy</c> field (CONTRACT §9): its forms, its default, and its errors with file and line.</summary>
public sealed class StackFileDeployTests
{
    private const string Head = """
        stacks:
          - name: shop
            kind: docker
            services:
              - name: web
                git: { repository: https://github.com/acme/shop, branch: main }

        """;

    private static StackFileRead Read(string deploy) => StackFileReader.Read("stacks.yaml", new StringReader(Head + deploy));

    [Fact]
    public void Read_NoDeployField_DeploysOnPushWithoutChecks()
    {
        var read = Read(string.Empty);

        Assert.Empty(read.Errors);
        Assert.Equal(DeployRule.OnPush, read.Stacks[0].Definition.Deploy);
    }

    [Theory]
    [InlineData("    deploy: { on: ci }\n", new string[0])]
    [InlineData("    deploy: { on: ci, checks: [build, e2e] }\n", new[] { "build", "e2e" })]
    [InlineData("    deploy:\n      on: ci\n      checks:\n        - build\n        - Deploy / e2e\n", new[] { "build", "Deploy / e2e" })]
    [InlineData("    deploy: { on: ci, checks: [] }\n", new string[0])]
    public void Read_OnCi_KeepsTheChecksInOrder(string deploy, string[] checks)
    {
        var read = Read(deploy);

        Assert.Empty(read.Errors);
        var rule = read.Stacks[0].Definition.Deploy;
        Assert.Equal(DeployOn.Ci, rule.On);
        Assert.Equal(checks, rule.Checks);
    }

    [Fact]
    public void Read_OnPush_IsTheDefaultRule()
    {
        var read = Read("    deploy: { on: push }\n");

        Assert.Empty(read.Errors);
        Assert.Equal(DeployRule.OnPush, read.Stacks[0].Definition.Deploy);
    }

    [Theory]
    [InlineData("    deploy: { on: merge }\n", 7, "stacks[0].deploy.on", "'merge' is not a deploy mode: push or ci")]
    [InlineData("    deploy: { checks: [build] }\n", 7, "stacks[0].deploy.on", "required")]
    [InlineData("    deploy: ci\n", 7, "stacks[0].deploy", "expected a mapping with on, checks")]
    [InlineData("    deploy: { on: ci, checks: build }\n", 7, "stacks[0].deploy.checks", "expected a list of check names")]
    [InlineData("    deploy: { on: ci, checks: [[build]] }\n", 7, "stacks[0].deploy.checks[0]", "a check is a name")]
    [InlineData("    deploy:\n      on: ci\n      checks:\n        - build\n        - build\n", 11, "stacks[0].deploy.checks[1]", "listed twice")]
    [InlineData("    deploy:\n      on: push\n      checks: [build]\n", 9, "stacks[0].deploy.checks", "on: ci only")]
    [InlineData("    deploy: { on: ci, when: always }\n", 7, "stacks[0].deploy.when", "unknown field")]
    public void Read_InvalidDeploy_ErrorNamesFileLineAndField(string deploy, int line, string field, string message)
    {
        var read = Read(deploy);

        var error = Assert.Single(read.Errors);
        Assert.Equal(("stacks.yaml", line, field), (error.File, error.Line, error.Field));
        Assert.Contains(message, error.Message);
        Assert.Empty(read.Stacks);
    }

    [Fact]
    public void Read_TooManyChecks_IsAnError()
    {
        var names = string.Join(", ", Enumerable.Range(1, DeployRule.MaxChecks + 1).Select(i => $"check{i}"));

        var read = Read($"    deploy: {{ on: ci, checks: [{names}] }}\n");

        Assert.Contains(read.Errors, e => e.Field == "stacks[0].deploy.checks" && e.Message.Contains($"at most {DeployRule.MaxChecks}"));
    }

    [Fact]
    public void SameDefinition_DifferentChecks_IsAChange()
    {
        var stack = Read("    deploy: { on: ci, checks: [build] }\n").Stacks[0].Definition;

        Assert.True(StackApplier.SameDefinition(stack, stack with { Deploy = DeployRule.OnCi(["build"]) }));
        Assert.False(StackApplier.SameDefinition(stack, stack with { Deploy = DeployRule.OnCi(["build", "e2e"]) }));
        Assert.False(StackApplier.SameDefinition(stack, stack with { Deploy = DeployRule.OnPush }));
    }
}
