using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A real HTTP deployer for the tests: Kestrel on a free loopback port, recording every delivery and answering from a
/// script (status, Retry-After, a delay), then 202 once the script is used up.
/// </summary>
public sealed class DeployerEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> script = new();
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();

    private DeployerEndpoint(int port)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        app.MapPost("/deploy", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            received.Enqueue(new ReceivedDelivery(
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            var answer = script.TryDequeue(out var next) ? next : new ScriptedAnswer(202);
            if (answer.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.StatusCode = answer.Status;
        });
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/deploy";

    public IReadOnlyList<ReceivedDelivery> Received => received.ToList();

    /// <param name="port">A port to listen on (to bring a deployer "back" where it was); a free one when omitted.</param>
    public static async Task<DeployerEndpoint> StartAsync(int? port = null)
    {
        var endpoint = new DeployerEndpoint(port ?? FreePort());
        await endpoint.app.StartAsync();
        return endpoint;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public DeployerEndpoint Answer(int status, string? retryAfter = null, TimeSpan? delay = null)
    {
        script.Enqueue(new ScriptedAnswer(status, retryAfter, delay));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record ScriptedAnswer(int Status, string? RetryAfter = null, TimeSpan? Delay = null);
}

/// <summary>One POST the deployer received.</summary>
public sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body);
