using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Redeploy.Cli.Dev;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.Storage;

/// <summary>
/// A storage service that is there but of no use, on a free loopback port: it answers every request with
/// <c>status</c>, or never (<c>status</c> null, until the caller gives up). Counts the requests it was sent.
/// </summary>
internal sealed class StorageStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private StorageStandIn(int port, int? status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        app.Run(async context =>
        {
            Interlocked.Increment(ref requests);
            if (status is null)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            context.Response.StatusCode = status.Value;
        });
        ConnectionString = AzuriteProcess.ConnectionStringFor(port, port, port);
    }

    public string ConnectionString { get; }

    public int Requests => Volatile.Read(ref requests);

    public static async Task<StorageStandIn> StartAsync(int? status)
    {
        var standIn = new StorageStandIn(DeployerEndpoint.FreePort(), status);
        await standIn.app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
