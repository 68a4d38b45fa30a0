using System.Text.Json;

namespace Redeploy.Tests.Infra;

/// <summary>infra/main.bicep compiled once to ARM JSON, with every resource of every module reachable.</summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    public BicepRun Build { get; private set; } = null!;

    public JsonElement Template { get; private set; }

    /// <summary>The main template's resources and those of every module (nested deployments), with the module's name.</summary>
    public IReadOnlyList<(string Module, JsonElement Resource)> Resources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", BicepCli.MainFile, "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {Build.Error}");
        }

        Template = JsonDocument.Parse(Build.Output).RootElement;
        var all = new List<(string, JsonElement)>();
        Collect("main", Template, all);
        Resources = all;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => r.Resource.GetProperty("type").GetString() == type).Select(r => r.Resource);

    public JsonElement Single(string type) => Assert.Single(OfType(type));

    /// <summary>Every template's outputs: the main one's and each module's (a deployment's outputs are kept in its history).</summary>
    public IEnumerable<(string Name, JsonElement Output)> Outputs()
    {
        foreach (var output in Outputs(Template))
        {
            yield return output;
        }

        foreach (var (_, resource) in Resources.Where(r => r.Resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
        {
            foreach (var output in Outputs(resource.GetProperty("properties").GetProperty("template")))
            {
                yield return output;
            }
        }
    }

    private static IEnumerable<(string, JsonElement)> Outputs(JsonElement template) =>
        template.TryGetProperty("outputs", out var outputs) ? outputs.EnumerateObject().Select(o => (o.Name, o.Value)) : [];

    private static void Collect(string module, JsonElement template, List<(string, JsonElement)> into)
    {
        foreach (var resource in template.GetProperty("resources").EnumerateArray())
        {
            into.Add((module, resource));
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                Collect(resource.GetProperty("name").GetString()!, resource.GetProperty("properties").GetProperty("template"), into);
            }
        }
    }
}
