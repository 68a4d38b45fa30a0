using System.Net;
using System.Net.Sockets;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Cli.Dev;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>`redeploy dev`'s local host runs the reconciler too: a request left queued without its message gets its job.</summary>
public sealed class ReconcileLoopTests : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private LocalHost? host;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot);
        host = await LocalHost.StartAsync(
            new LocalHostSettings(
                azurite.ConnectionString,
                FreePort(),
                new Dictionary<string, string?> { ["Redeploy:InFlightWindow"] = "00:00:01" },
                RetryDelay: TimeSpan.Zero,
                ReconcileInterval: TimeSpan.FromMilliseconds(200)),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        azurite?.Dispose();
    }

    [Fact]
    public async Task LocalHost_RequestLeftQueuedWithoutItsMessage_IsSentByTheReconcilerAndDispatched()
    {
        var services = host!.Services;
        var (stack, _) = StackTokens.NewStack(SampleStacks.Shop);
        var uid = stack.Uid;
        await services.GetRequiredService<TableStackStore>().SaveAsync(stack, CancellationToken.None);
        var requests = services.GetRequiredService<RequestLog>();
        var requestId = RequestIds.New();
        // An intake that inserted its row and died before sending the message.
        var message = RequestQueue.Serialize(new RequestMessage(RequestMessage.CurrentVersion, requestId, uid, [], null));
        await requests.TryCreateAsync(
            new RequestRecord(uid, requestId, "shop", RequestStatus.Queued, DateTimeOffset.UtcNow, "test", null, "manual") { Message = message },
            CancellationToken.None);

        var status = RequestStatus.Queued;
        for (var i = 0; i < 150 && status != RequestStatus.Dispatched; i++)
        {
            await Task.Delay(100);
            status = (await requests.GetAsync(uid, requestId, CancellationToken.None))!.Status;
        }

        Assert.Equal(RequestStatus.Dispatched, status);
        var jobs = new QueueClient(azurite!.ConnectionString, "deployment-jobs", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var job = Assert.Single((await jobs.PeekMessagesAsync(32)).Value);
        Assert.Equal(requestId, JobQueue.Deserialize(job.Body).JobId);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
