using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Processing;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Redeploy.Functions;
using Redeploy.Tests.Integration;

namespace Redeploy.Tests.GitHub;

/// <summary>
/// The request pipeline over Azurite with the GitHub outbox plugged in as the Functions app wires it: a processor that
/// tells the observer of each dispatch, the <c>github-updates</c> queue (under a name of its own) and the updater,
/// talking to a <see cref="FakeGitHub"/>.
/// </summary>
public sealed class GitHubPipeline : IDisposable
{
    private GitHubPipeline(TestPipeline requests, FakeGitHub github, GitHubTestClient client, string queueName)
    {
        Requests = requests;
        GitHub = github;
        Client = client;
        UpdateQueue = new GitHubUpdateQueue(requests.Clients.Queues, queueName);
        QueueClient = requests.Clients.Queues.GetQueueClient(queueName);
        Deployments = new GitHubDeploymentLog(requests.Clients.Tables, client.Options);
        Observer = new GitHubDeploymentObserver(client.Options, requests.Stacks, UpdateQueue, new CapturingLogger<GitHubDeploymentObserver>());
        Processor = new RequestProcessor(requests.Stacks, requests.Requests, requests.Handover, requests.Time, requests.ProcessorLog, Observer);
        DeliveryOutbox = new DeliveryOutbox(
            requests.Stacks, requests.Requests, new Deployers([new QueueDeployer(requests.Jobs), requests.Webhooks]), requests.Outbox, requests.Options, requests.Time, requests.OutboxLog, Observer);
        var events = new DeploymentEvents(requests.JobIndex, requests.Requests, new CapturingLogger<DeploymentEvents>(), Observer);
        DeploymentEventsHttp = new DeploymentEventsFunction(new DeploymentCallback(events, requests.Options, requests.Time, new CapturingLogger<DeploymentCallback>()));
        Updater = new GitHubUpdater(
            requests.Stacks, requests.Requests, Deployments, UpdateQueue, client.Client, client.Options, requests.Time, UpdaterLog);
    }

    public TestPipeline Requests { get; }

    public FakeGitHub GitHub { get; }

    public GitHubTestClient Client { get; }

    public GitHubUpdateQueue UpdateQueue { get; }

    public QueueClient QueueClient { get; }

    public GitHubDeploymentLog Deployments { get; }

    internal GitHubDeploymentObserver Observer { get; }

    public RequestProcessor Processor { get; }

    /// <summary>The webhook deployers' outbox, its give-ups told to <see cref="Observer"/>.</summary>
    public DeliveryOutbox DeliveryOutbox { get; }

    /// <summary>The callback URL's function, its reports told to <see cref="Observer"/>.</summary>
    public DeploymentEventsFunction DeploymentEventsHttp { get; }

    public GitHubUpdater Updater { get; }

    public CapturingLogger<GitHubUpdater> UpdaterLog { get; } = new();

    public static async Task<GitHubPipeline> CreateAsync(string connectionString, FakeGitHub github)
    {
        var requests = await TestPipeline.CreateAsync(connectionString);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var client = new GitHubTestClient(github, requests.Time, o => o.DeploymentsTable = $"github{suffix}");
        var pipeline = new GitHubPipeline(requests, github, client, $"github-{suffix}");
        await pipeline.UpdateQueue.CreateQueueAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>A stack with continuous.deploy on (and an environment, if given).</summary>
    public async Task<(string Uid, string Token)> AddStackAsync(
        Stack definition, bool continuousDeploy = true, string? environment = null, DeployerTarget? deployer = null)
    {
        var (uid, token) = await Requests.AddStackAsync(definition, deployer: deployer);
        var stack = (await Requests.Stacks.FindByUidAsync(uid, CancellationToken.None))!;
        var settings = new Dictionary<string, string> { [GitHubSettings.ContinuousDeploy] = continuousDeploy ? "true" : "false" };
        if (environment is not null)
        {
            settings[GitHubSettings.Environment] = environment;
        }

        await Requests.Stacks.SaveAsync(stack with { Settings = settings }, CancellationToken.None);
        return (uid, token);
    }

    /// <summary>Posts a GitHub push and runs the request queue through this pipeline's processor; the request id.</summary>
    public async Task<string> PushAsync(string uid, string token, string? delivery = null)
    {
        var accepted = await Requests.PostAsync(uid, token, Payloads.GitHubPush(), headers: Payloads.GitHubHeaders(delivery: delivery));
        QueueMessage[] messages = await Requests.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 32);
        foreach (var message in messages)
        {
            await Processor.ProcessAsync(RequestQueue.Deserialize(message.Body), CancellationToken.None);
            await Requests.RequestQueueClient.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return accepted["requestId"]!;
    }

    /// <summary>POSTs a deployer's report to the job's callback URL, as the Functions app wires it.</summary>
    public Task<TestAnswer> PostReportAsync(string callbackUrl, string body) => Requests.PostReportAsync(callbackUrl, body, DeploymentEventsHttp);

    /// <summary>Runs the updater on every visible outbox message, taking each off the queue; how many there were.</summary>
    public async Task<int> UpdateAllAsync()
    {
        var updates = await TakeUpdatesAsync();
        foreach (var update in updates)
        {
            await Updater.HandleAsync(update, CancellationToken.None);
        }

        return updates.Count;
    }

    /// <summary>The visible messages of the outbox, taken off it.</summary>
    public async Task<IReadOnlyList<GitHubUpdate>> TakeUpdatesAsync()
    {
        QueueMessage[] messages = await QueueClient.ReceiveMessagesAsync(maxMessages: 32);
        foreach (var message in messages)
        {
            await QueueClient.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages.Select(m => GitHubUpdateQueue.Deserialize(m.Body)).ToList();
    }

    public async Task<int> UpdateCountAsync() => (await QueueClient.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public void Dispose() => Client.Dispose();
}
