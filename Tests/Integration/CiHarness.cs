using System.Text;
using Azure.Storage.Queues.Models;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// One stack of the shop on a <see cref="TestPipeline"/>, with its deploy rule, and the two ways in of CONTRACT §9:
/// pushes through the real HTTP function, and CI results handed to the intake's triage as a reader returns them.
/// </summary>
public sealed class CiHarness
{
    private CiHarness(TestPipeline pipeline, string uid, string token, StoredStack stack)
    {
        Pipeline = pipeline;
        Uid = uid;
        Token = token;
        Stack = stack;
    }

    public TestPipeline Pipeline { get; }

    public string Uid { get; }

    public string Token { get; }

    public StoredStack Stack { get; }

    /// <summary>The request id of <see cref="Payloads.Commit"/> on this stack.</summary>
    public string CommitRequestId => RequestIds.ForCommit(Uid, Payloads.Commit);

    public static async Task<CiHarness> CreateAsync(string connectionString, DeployRule rule)
    {
        var pipeline = await TestPipeline.CreateAsync(connectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop with { Deploy = rule });
        var stack = await pipeline.Stacks.FindByUidAsync(uid, CancellationToken.None);
        return new CiHarness(pipeline, uid, token, stack!);
    }

    public Task<TestAnswer> PushAsync(string branch = "main", string commit = Payloads.Commit, string? delivery = null) =>
        Pipeline.PostAsync(Uid, Token, Payloads.GitHubPush(branch, commit), headers: Payloads.GitHubHeaders(delivery: delivery));

    /// <summary>A GitHub workflow_run that completed, as the reader hands it to the intake (one push: its branch and commit).</summary>
    public async Task<TestAnswer> CiAsync(
        string check, bool succeeded, string? conclusion = null, string? branch = "main", string commit = Payloads.Commit, string? delivery = null, string? services = null)
    {
        var pushes = new[] { new Push(["https://github.com/acme/shop", "https://github.com/acme/shop.git"], branch, null, commit) };
        var result = Delivery.CiFinished(
            Sender.GitHub, delivery ?? Guid.NewGuid().ToString(), "workflow_run", new CiCheck(check, succeeded, conclusion ?? (succeeded ? "success" : "failure")), pushes);
        var query = services is null
            ? new Dictionary<string, IReadOnlyList<string>>()
            : new Dictionary<string, IReadOnlyList<string>> { ["services"] = [services] };
        var call = new HookCall(Uid, Token, HookHeaders.Empty, query, Stream.Null, 0);
        var answer = await Pipeline.Intake.AcceptDeliveryAsync(Stack, call, result, CancellationToken.None);
        return new TestAnswer(answer.Status, answer.ContentType, answer.Headers, Encoding.UTF8.GetString(answer.Body.Span));
    }

    public Task<int> ProcessAsync() => Pipeline.ProcessQueuedAsync();

    public Task<TestAnswer> StatusAsync(string? requestId = null) => Pipeline.GetStatusAsync(Uid, Token, requestId ?? CommitRequestId);

    public Task<IReadOnlyList<DeploymentJob>> JobsAsync() => Pipeline.PeekJobsAsync();

    /// <summary>Takes every queued request message without handling it, to hand them to the processor at once.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAllAsync()
    {
        QueueMessage[] messages = await Pipeline.RequestQueueClient.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(1));
        return messages;
    }
}
