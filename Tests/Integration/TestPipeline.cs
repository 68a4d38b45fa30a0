using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>
/// The real pipeline over Azurite, with table and queue names of its own: the function classes, built by the app's own
/// wiring (<see cref="RedeployServiceCollectionExtensions.AddRedeployCore"/>), called with real HttpRequest objects and
/// real queue messages.
/// </summary>
public sealed class TestPipeline
{
    private TestPipeline(StorageClients clients, RedeployOptions options, FakeTimeProvider time)
    {
        Options = options;
        Time = time;
        Clients = clients;
        Services = BuildServices();
        Stacks = Services.GetRequiredService<TableStackStore>();
        Requests = Services.GetRequiredService<RequestLog>();
        RequestQueue = Services.GetRequiredService<RequestQueue>();
        Jobs = Services.GetRequiredService<JobQueue>();
        Intake = Services.GetRequiredService<HookIntake>();
        JobIndex = Services.GetRequiredService<JobIndex>();
        Outbox = Services.GetRequiredService<DeliveryQueue>();
        Webhooks = Services.GetServices<IDeployer>().OfType<WebhookDeployer>().Single();
        Handover = Services.GetRequiredService<JobHandover>();
        DeliveryOutbox = Services.GetRequiredService<DeliveryOutbox>();
        Events = Services.GetRequiredService<DeploymentEvents>();
        Callback = Services.GetRequiredService<DeploymentCallback>();
        DeploymentEventsHttp = Services.GetRequiredService<DeploymentEventsFunction>();
        Processor = Services.GetRequiredService<RequestProcessor>();
        Hook = Services.GetRequiredService<HookFunction>();
        Status = Services.GetRequiredService<StatusFunction>();
        Process = Services.GetRequiredService<ProcessRequestFunction>();
        DeliveryLog = Services.GetRequiredService<DeliveryLog>();
    }

    /// <summary>The app's services as the Functions host wires them, with this pipeline's storage, names, clock and loggers.</summary>
    public ServiceProvider Services { get; }

    public RedeployOptions Options { get; }

    public JobIndex JobIndex { get; }

    public DeliveryQueue Outbox { get; }

    internal WebhookDeployer Webhooks { get; }

    public JobHandover Handover { get; }

    public DeliveryOutbox DeliveryOutbox { get; }

    public CapturingLogger<DeliveryOutbox> OutboxLog { get; } = new();

    public DeploymentEvents Events { get; }

    public DeploymentCallback Callback { get; }

    public DeploymentEventsFunction DeploymentEventsHttp { get; }

    public CapturingLogger<HookIntake> IntakeLog { get; } = new();

    public CapturingLogger<RequestProcessor> ProcessorLog { get; } = new();

    public FakeTimeProvider Time { get; }

    public StorageClients Clients { get; }

    public TableStackStore Stacks { get; }

    public RequestLog Requests { get; }

    public RequestQueue RequestQueue { get; }

    public JobQueue Jobs { get; }

    public HookIntake Intake { get; }

    public RequestProcessor Processor { get; }

    public HookFunction Hook { get; }

    public StatusFunction Status { get; }

    public ProcessRequestFunction Process { get; }

    public DeliveryLog DeliveryLog { get; }

    public QueueClient RequestQueueClient => Clients.Queues.GetQueueClient(Options.RequestQueue);

    public QueueClient JobQueueClient => Clients.Queues.GetQueueClient(Options.JobQueue);

    /// <param name="clients">Storage clients of the test's own (e.g. with a policy that watches their calls); by default the app's.</param>
    public static async Task<TestPipeline> CreateAsync(string connectionString, Action<RedeployOptions>? configure = null, StorageClients? clients = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var options = new RedeployOptions
        {
            StacksTable = $"stacks{suffix}",
            RequestsTable = $"requests{suffix}",
            RequestQueue = $"requests-{suffix}",
            JobQueue = $"jobs-{suffix}",
            JobsTable = $"jobs{suffix}",
            DeliveryQueue = $"deliveries-{suffix}",
            EventQueue = $"events-{suffix}",
            PublicBaseUrl = "http://hooks.test",
        };
        configure?.Invoke(options);
        var pipeline = new TestPipeline(clients ?? StorageClients.FromConnectionString(connectionString), options, new FakeTimeProvider(DateTimeOffset.UtcNow));
        await pipeline.Services.GetRequiredService<StorageSetup>().EnsureCreatedAsync(CancellationToken.None);
        return pipeline;
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddRedeployCore()
            .AddRedeployFunctions();

        // The pipeline's own choices win over the app's: the last registration is the one resolved. GitHub stays without
        // credentials (its observer does nothing), its deployments table named for this pipeline.
        services.AddSingleton(Options);
        services.AddSingleton(Clients);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new GitHubOptions { DeploymentsTable = $"github{Options.StacksTable["stacks".Length..]}" });
        services.AddSingleton<ILogger<HookIntake>>(IntakeLog);
        services.AddSingleton<ILogger<RequestProcessor>>(ProcessorLog);
        services.AddSingleton<ILogger<DeliveryOutbox>>(OutboxLog);
        return services.BuildServiceProvider();
    }

    /// <summary>Stores a stack with a fresh uid and token; returns both.</summary>
    public async Task<(string Uid, string Token)> AddStackAsync(Stack definition, string? secret = null, DeployerTarget? deployer = null)
    {
        var (stack, token) = StackTokens.NewStack(definition, secret);
        await Stacks.SaveAsync(stack with { Deployer = deployer ?? QueueTarget.Instance }, CancellationToken.None);
        return (stack.Uid, token);
    }

    /// <summary>POSTs a report to a job's callback URL through the HTTP function (this pipeline's, unless another is given).</summary>
    public async Task<TestAnswer> PostReportAsync(string callbackUrl, string body, DeploymentEventsFunction? function = null)
    {
        var path = new Uri(callbackUrl).AbsolutePath;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = NewContext("POST", path, string.Empty);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        var result = await (function ?? DeploymentEventsHttp).RunAsync(context.Request, parts[1], parts[2], CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    public QueueClient OutboxClient => Clients.Queues.GetQueueClient(Options.DeliveryQueue);

    /// <summary>
    /// Receives one visible outbox message and runs the outbox (this pipeline's, unless another is given) on it; deletes
    /// it unless told to keep it (to handle it twice).
    /// </summary>
    public async Task<DeliveryOutcome?> DeliverNextAsync(bool delete = true, DeliveryOutbox? outbox = null)
    {
        QueueMessage[] messages = await OutboxClient.ReceiveMessagesAsync(maxMessages: 1, visibilityTimeout: TimeSpan.FromSeconds(1));
        if (messages.Length == 0)
        {
            return null;
        }

        var outcome = await (outbox ?? DeliveryOutbox).DeliverAsync(DeliveryQueue.Deserialize(messages[0].Body), CancellationToken.None);
        if (delete)
        {
            await OutboxClient.DeleteMessageAsync(messages[0].MessageId, messages[0].PopReceipt);
        }

        return outcome;
    }

    /// <summary>Lets the clock pass a scheduled message's delay and makes it visible: the queue's real wait, skipped.</summary>
    public async Task SkipDelayAsync(ScheduledMessage scheduled)
    {
        Time.Advance(scheduled.Delay);
        await OutboxClient.UpdateMessageAsync(scheduled.MessageId, scheduled.PopReceipt, visibilityTimeout: TimeSpan.Zero);
    }

    public async Task<TestAnswer> PostAsync(
        string uid, string token, string? body = null, string? contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null, string query = "", bool sendContentLength = true)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var context = NewContext("POST", $"/stacks/redeploy/{uid}/{token}", query);
        context.Request.Body = new MemoryStream(bytes);
        if (sendContentLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        if (contentType is not null && body is not null)
        {
            context.Request.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var result = await Hook.RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    public async Task<TestAnswer> GetStatusAsync(string uid, string token, string requestId)
    {
        var context = NewContext("GET", $"/stacks/redeploy/{uid}/{token}/requests/{requestId}", string.Empty);
        var result = await Status.RunAsync(context.Request, uid, token, requestId, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    /// <summary>GET of the hook URL, as a browser (<paramref name="accept"/> naming text/html) or a script sends it.</summary>
    public async Task<TestAnswer> GetPageAsync(string uid, string token, string? accept)
    {
        var context = NewContext("GET", $"/stacks/redeploy/{uid}/{token}", string.Empty);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        var result = await new DeliveryLogFunction(DeliveryLog).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    public async Task<TestAnswer> GetRequestsAsync(string uid, string token, string query = "")
    {
        var context = NewContext("GET", $"/stacks/redeploy/{uid}/{token}/requests", query);
        var result = await new RequestListFunction(DeliveryLog).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }

    /// <summary>Receives every message on the request queue and runs the queue function on it, as the trigger would.</summary>
    public async Task<int> ProcessQueuedAsync()
    {
        var handled = 0;
        while (true)
        {
            QueueMessage[] messages = await RequestQueueClient.ReceiveMessagesAsync(maxMessages: 32);
            if (messages.Length == 0)
            {
                return handled;
            }

            foreach (var message in messages)
            {
                await Process.RunAsync(message, CancellationToken.None);
                await RequestQueueClient.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
    }

    public async Task<IReadOnlyList<DeploymentJob>> PeekJobsAsync()
    {
        PeekedMessage[] messages = await JobQueueClient.PeekMessagesAsync(maxMessages: 32);
        return messages.Select(m => JobQueue.Deserialize(m.Body)).ToList();
    }

    public async Task<int> RequestMessageCountAsync()
    {
        PeekedMessage[] messages = await RequestQueueClient.PeekMessagesAsync(maxMessages: 32);
        return messages.Length;
    }

    private static DefaultHttpContext NewContext(string method, string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("hooks.test");
        context.Request.Path = path;
        context.Request.QueryString = string.IsNullOrEmpty(query) ? QueryString.Empty : new QueryString(query.StartsWith('?') ? query : "?" + query);
        context.Response.Body = new MemoryStream();
        return context;
    }
}

/// <summary>An answer as the client sees it: status, headers and the body parsed as JSON.</summary>
public sealed record TestAnswer(int Status, string ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? this[string property] => Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task<TestAnswer> ExecuteAsync(Microsoft.AspNetCore.Mvc.IActionResult result, DefaultHttpContext context)
    {
        await ((AnswerResult)result).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new TestAnswer(context.Response.StatusCode, context.Response.ContentType ?? string.Empty, headers, body);
    }
}
