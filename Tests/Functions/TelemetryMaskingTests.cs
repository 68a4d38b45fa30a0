using System.Collections.Concurrent;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Redeploy.Core.Security;
using Redeploy.Functions;

namespace Redeploy.Tests.Functions;

/// <summary>
/// Telemetry as the worker records it, through the same registration as Program.cs, into a recording channel in place
/// of the one that sends to Application Insights: no item holds a hook or job token (CONTRACT §10).
/// </summary>
public sealed class TelemetryMaskingTests : IAsyncLifetime
{
    private static readonly string StackUid = HookToken.NewStackUid();
    private static readonly string Token = HookToken.New();
    private static readonly string JobToken = HookToken.New();

    private readonly RecordingChannel channel = new();
    private readonly ServiceProvider services;

    public TelemetryMaskingTests()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSingleton<ITelemetryChannel>(channel);
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider());
        collection.AddRedeployTelemetry();
        collection.Configure<ApplicationInsightsServiceOptions>(o =>
        {
            o.ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001";
            o.EnableAdaptiveSampling = false;
        });
        services = collection.BuildServiceProvider();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The worker's telemetry module is only IAsyncDisposable.
    public async Task DisposeAsync() => await services.DisposeAsync();

    [Fact]
    public async Task Middleware_HookCall_RecordsARequestItemWithoutTheToken()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("func-abc.azurewebsites.net");
        http.Request.Path = $"/stacks/redeploy/{StackUid}/{Token}";
        http.Request.QueryString = new QueryString("?services=web");
        var context = FunctionContextFor(http, "Hook");
        var middleware = services.GetRequiredService<RequestTelemetryMiddleware>();

        await middleware.Invoke(context, c =>
        {
            http.Response.StatusCode = 202;
            return Task.CompletedTask;
        });

        var request = Assert.Single(channel.Items.OfType<RequestTelemetry>());
        Assert.Equal($"https://func-abc.azurewebsites.net/stacks/redeploy/{StackUid}/***", request.Url.ToString());
        Assert.Equal("POST Hook", request.Name);
        Assert.Equal("202", request.ResponseCode);
        AssertNoToken();
    }

    [Fact]
    public void Client_RequestDependencyAndTraceWithTokens_AreRecordedMasked()
    {
        var client = services.GetRequiredService<TelemetryClient>();

        client.TrackRequest(new RequestTelemetry
        {
            Name = $"POST /stacks/redeploy/{StackUid}/{Token}",
            Url = new Uri($"http://localhost:7071/stacks/redeploy/{StackUid}/{Token}/requests/{HookToken.New()}"),
        });
        client.TrackDependency(new DependencyTelemetry("HTTP", "deployer.test", $"POST /deployments/job1/{JobToken}/events", $"https://deployer.test/deployments/job1/{JobToken}/events"));
        client.TrackTrace($"Request starting POST http://localhost:7071/stacks/redeploy/{StackUid}/{Token} application/json",
            new Dictionary<string, string> { ["RequestPath"] = $"/stacks/redeploy/{StackUid}/{Token}" });

        // The SDK's own modules may add items of their own at any time (a heartbeat, a metric, and the Azure SDK calls of
        // other tests running at once, collected process-wide as dependencies): each tracked item is picked by its target.
        var request = Assert.Single(channel.Items.OfType<RequestTelemetry>());
        Assert.Equal($"http://localhost:7071/stacks/redeploy/{StackUid}/***", request.Url.ToString());
        Assert.Equal($"https://deployer.test/deployments/job1/***", Assert.Single(channel.Items.OfType<DependencyTelemetry>(), d => d.Target == "deployer.test").Data);
        var trace = Assert.Single(channel.Items.OfType<TraceTelemetry>(), t => t.Properties.ContainsKey("RequestPath"));
        Assert.Equal($"/stacks/redeploy/{StackUid}/***", trace.Properties["RequestPath"]);
        AssertNoToken();
    }

    [Fact]
    public void HostJson_HostRequestItemsOff()
    {
        // The host's request items hold raw URLs and no worker initializer reaches them: RequestTelemetryMiddleware replaces them.
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Integration.AzuriteFixture.RepositoryRoot, "host.json")));

        Assert.Equal("None", host.RootElement.GetProperty("logging").GetProperty("logLevel").GetProperty("Host.Results").GetString());
    }

    private void AssertNoToken()
    {
        foreach (var item in channel.Items)
        {
            var recorded = string.Join(' ', Texts(item));
            Assert.DoesNotContain(Token, recorded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(JobToken, recorded, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<string?> Texts(ITelemetry item)
    {
        IEnumerable<string?> own = item switch
        {
            RequestTelemetry r => [r.Name, r.Url?.ToString(), r.Source],
            DependencyTelemetry d => [d.Name, d.Data, d.Target],
            TraceTelemetry t => [t.Message],
            _ => [],
        };
        return own.Concat(item is ISupportProperties p ? p.Properties.Values : []);
    }

    private static FunctionContext FunctionContextFor(HttpContext http, string functionName)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        return context.Object;
    }

    private sealed class RecordingChannel : ITelemetryChannel
    {
        private readonly ConcurrentQueue<ITelemetry> items = new();

        public IReadOnlyCollection<ITelemetry> Items => items;

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        // The dependency module listens process-wide: other tests' calls to their own Azurite and local servers, running
        // alongside, are not this test's items.
        public void Send(ITelemetry item)
        {
            if (item is not DependencyTelemetry { Target: { } target } || !(target.StartsWith("127.0.0.1", StringComparison.Ordinal) || target.StartsWith("localhost", StringComparison.Ordinal)))
            {
                items.Enqueue(item);
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
