using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;
using YamlDotNet.RepresentationModel;

namespace Redeploy.Tests.GitHub;

/// <summary>samples/github-actions-deploy.yml: the workflow a user copies takes exactly the inputs the deployer sends and reports each state.</summary>
public sealed class GitHubActionsSampleTests
{
    private static readonly YamlMappingNode Workflow = Load();

    [Fact]
    public void Sample_DeclaresTheFourInputsTheDeployerSends_AllRequiredStrings()
    {
        var inputs = (YamlMappingNode)Node(Workflow, "on", "workflow_dispatch", "inputs");

        Assert.Equal(GitHubActionsDeployer.InputNames, inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var (_, input) in inputs.Children)
        {
            Assert.Equal(("true", "string"), (Scalar(input, "required"), Scalar(input, "type")));
        }
    }

    [Theory]
    [InlineData("started", null)]
    [InlineData("succeeded", "success()")]
    [InlineData("failed", "failure()")]
    [InlineData("cancelled", "cancelled()")]
    public void Sample_ReportsEachStateToTheCallbackUrl(string state, string? condition)
    {
        var step = Steps().Single(s => Scalar(s, "run")?.Contains($"state: \"{state}\"", StringComparison.Ordinal) == true);

        Assert.Contains("curl -fsS --retry 3 -X POST \"$CALLBACK_URL\" -H 'content-type: application/json'", Scalar(step, "run"));
        Assert.Equal(condition, Scalar(step, "if"));
        Assert.Contains(state, DeploymentReport.States);
    }

    [Fact]
    public void Sample_PassesInputsThroughTheEnvironment_NeverIntoAScript()
    {
        Assert.Equal("${{ inputs.callback_url }}", Scalar(Node(Workflow, "jobs", "deploy", "env"), "CALLBACK_URL"));
        Assert.All(Steps(), s => Assert.DoesNotContain("${{", Scalar(s, "run") ?? string.Empty));
    }

    private static IEnumerable<YamlNode> Steps() => ((YamlSequenceNode)Node(Workflow, "jobs", "deploy", "steps")).Children;

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (at, key) => ((YamlMappingNode)at).Children[new YamlScalarNode(key)]);

    private static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Load()
    {
        using var text = File.OpenText(Path.Combine(AppContext.BaseDirectory, "samples", "github-actions-deploy.yml"));
        var yaml = new YamlStream();
        yaml.Load(text);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
