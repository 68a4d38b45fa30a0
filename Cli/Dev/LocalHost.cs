using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Redeploy.Core;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Cli.Dev;

/// <summary>
/// The local host for `redeploy dev`: Kestrel on 127.0.0.1 serving the hook and status functions, and the WebJobs SDK
/// queue trigger running the queue functions, with the queue settings of host.json. One process, one set of services.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<LocalHost> StartAsync(LocalHostSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = settings.StorageConnectionString,
            [$"{RedeployOptions.Section}:{nameof(RedeployOptions.PublicBaseUrl)}"] = $"http://localhost:{settings.Port}",
        });
        if (settings.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings.Settings);
        }

        ConfigureLogging(builder.Logging, settings.MinimumLevel);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RedeployOptions>>((kestrel, redeploy) => ApplyLimits(kestrel.Limits, redeploy.Value));
        builder.Services.AddRedeployCore();
        builder.Services.AddRedeployFunctions();
        builder.Services.AddSingleton<LocalQueueFunctions>();
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<ReconcileLoop>();
        builder.Services.AddSingleton<IJobActivator, ServiceProviderJobActivator>();
        builder.Services.AddSingleton<ITypeLocator, LocalTypeLocator>();
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageQueues(queues =>
            {
                HostJson.ApplyQueueSettings(HostJson.Find(), queues);
                queues.VisibilityTimeout = settings.RetryDelay ?? queues.VisibilityTimeout;
            });
        });

        var app = builder.Build();
        app.MapPost(
            "/stacks/redeploy/{stackUid}/{token}",
            async (HttpContext context, string stackUid, string token, HookFunction hook) =>
                (IResult)await hook.RunAsync(context.Request, stackUid, token, context.RequestAborted));
        app.MapGet(
            "/stacks/redeploy/{stackUid}/{token}/requests/{requestId}",
            async (HttpContext context, string stackUid, string token, string requestId, StatusFunction status) =>
                (IResult)await status.RunAsync(context.Request, stackUid, token, requestId, context.RequestAborted));
        app.MapGet(
            "/stacks/redeploy/{stackUid}/{token}",
            async (HttpContext context, string stackUid, string token, DeliveryLogFunction page) =>
                (IResult)await page.RunAsync(context.Request, stackUid, token, context.RequestAborted));
        app.MapGet(
            "/stacks/redeploy/{stackUid}/{token}/requests",
            async (HttpContext context, string stackUid, string token, RequestListFunction list) =>
                (IResult)await list.RunAsync(context.Request, stackUid, token, context.RequestAborted));
        app.MapPost(
            "/deployments/{jobId}/{jobToken}/events",
            async (HttpContext context, string jobId, string jobToken, DeploymentEventsFunction events) =>
                (IResult)await events.RunAsync(context.Request, jobId, jobToken, context.RequestAborted));

        await app.StartAsync(cancellationToken);
        return new LocalHost(app, new Uri($"http://127.0.0.1:{settings.Port}"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    /// <summary>
    /// Kestrel's limits, fitted to hook calls (docs/SECURITY.md lists the Azure equivalents). The body limit is one byte past
    /// Redeploy:MaxPayloadBytes, so that the intake's own 413 answers first; a sender slower than 1 KiB/s after a 5-second
    /// grace is cut off rather than holding memory; headers stay small. Kestrel buffers at most 64 KiB of a request the
    /// intake has not read yet (its default, 1 MiB, is 64 MiB at 64 connections on a starved host: docs/PERFORMANCE.md).
    /// </summary>
    internal static void ApplyLimits(KestrelServerLimits limits, RedeployOptions redeploy)
    {
        limits.MaxRequestBodySize = redeploy.MaxPayloadBytes + 1;
        limits.MaxRequestBufferSize = 64 * 1024;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 64;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        limits.KeepAliveTimeout = TimeSpan.FromMinutes(1);
        limits.MaxConcurrentConnections = 1_000;
    }

    // Request URLs hold hook tokens: ASP.NET Core's request logging stays off, and so does the SDKs' chatter.
    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel minimumLevel)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(minimumLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        // Expected 404/409/412 answers (conditional writes, delivery claims) are Azure.Core warnings: too many to read.
        logging.AddFilter("Azure", LogLevel.Error);
        logging.AddFilter("Host", LogLevel.Warning);
        logging.AddFilter("Function", LogLevel.Warning);
        logging.AddFilter("Microsoft.Azure.WebJobs.Hosting", LogLevel.Warning);
    }
}
