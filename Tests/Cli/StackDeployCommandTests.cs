using Redeploy.Core.Stacks;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Cli;

/// <summary>A stack file's <c>deploy</c> rule through <c>stacks apply</c>, the stacks table, <c>stacks show</c> and <c>stacks list</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StackDeployCommandTests(AzuriteFixture azurite)
{
    private const string File = """
        stacks:
          - name: shop
            kind: docker
            deploy: { on: ci, checks: [build, e2e] }
            services:
              - name: web
                git: { repository: https://github.com/acme/shop, branch: main }
        """;

    [Fact]
    public async Task Apply_OnCiStack_StoresTheRuleAndShowAndListSayIt()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        var path = Path.Combine(cli.Folder, "stacks.yaml");
        await System.IO.File.WriteAllTextAsync(path, File);

        Assert.Equal(0, (await cli.RunAsync("stacks", "apply", "-f", path)).Exit);
        var stored = await cli.StackAsync("shop");
        var show = await cli.RunAsync("stacks", "show", "shop");
        var list = await cli.RunAsync("stacks", "list");

        Assert.Equal(DeployRule.OnCi(["build", "e2e"]), stored.Definition.Deploy);
        Assert.Contains("deploy: ci (checks build, e2e)", show.OutLines);
        Assert.Contains("shop\tdocker\tci (checks build, e2e)\tweb\tnot set\tnot set", list.OutLines);
    }

    [Fact]
    public async Task Apply_RuleChangedBackToPush_UpdatesTheStack()
    {
        using var cli = new CliHarness(azurite.ConnectionString);
        var path = Path.Combine(cli.Folder, "stacks.yaml");
        await System.IO.File.WriteAllTextAsync(path, File);
        await cli.RunAsync("stacks", "apply", "-f", path);
        await System.IO.File.WriteAllTextAsync(path, File.Replace("    deploy: { on: ci, checks: [build, e2e] }\n", string.Empty));

        var run = await cli.RunAsync("stacks", "apply", "-f", path);

        Assert.Equal(0, run.Exit);
        Assert.Equal(DeployRule.OnPush, (await cli.StackAsync("shop")).Definition.Deploy);
    }
}
