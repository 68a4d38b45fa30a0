using System.Text.Json;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Functions;

/// <summary>The functions.metadata that the Worker SDK generates at build time: what the Functions host will index.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement Functions = Load();

    [Theory]
    [InlineData("Hook", "post", "stacks/redeploy/{stackUid}/{token}")]
    [InlineData("RequestStatus", "get", "stacks/redeploy/{stackUid}/{token}/requests/{requestId}")]
    [InlineData("DeliveryLog", "get", "stacks/redeploy/{stackUid}/{token}")]
    [InlineData("RequestList", "get", "stacks/redeploy/{stackUid}/{token}/requests")]
    [InlineData("DeploymentEvents", "post", "deployments/{jobId}/{jobToken}/events")]
    public void Metadata_HttpFunction_HasAnonymousRouteAndMethod(string name, string method, string route)
    {
        var trigger = Binding(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("ProcessRequest", "redeploy-requests")]
    [InlineData("PoisonRequest", "redeploy-requests-poison")]
    [InlineData("GitHubUpdate", "github-updates")]
    [InlineData("PoisonGitHubUpdate", "github-updates-poison")]
    [InlineData("DeliverJob", "deployer-deliveries")]
    [InlineData("PoisonDelivery", "deployer-deliveries-poison")]
    [InlineData("DeploymentEvent", "deployment-events")]
    [InlineData("PoisonDeploymentEvent", "deployment-events-poison")]
    public void Metadata_QueueFunction_ListensOnItsQueueWithTheStorageConnection(string name, string queue)
    {
        var trigger = Binding(name, "queueTrigger");

        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Metadata_Reconcile_RunsOnATimerEvery20Seconds()
    {
        var trigger = Binding("Reconcile", "timerTrigger");

        Assert.Equal("*/20 * * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void HostJson_RoutePrefixEmptyAndQueuePollingQuick()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.Equal(string.Empty, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(TimeSpan.Parse(extensions.GetProperty("queues").GetProperty("maxPollingInterval").GetString()!) <= TimeSpan.FromSeconds(2));
        Assert.Equal(5, extensions.GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
    }

    private static JsonElement Binding(string function, string type)
    {
        var entry = Functions.EnumerateArray().Single(f => f.GetProperty("name").GetString() == function);
        return entry.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);
    }

    private static JsonElement Load()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(AzuriteFixture.RepositoryRoot, "Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
