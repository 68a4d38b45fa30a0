using Microsoft.Extensions.DependencyInjection;
using Redeploy.Core;
using Redeploy.Core.Intake;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>CONTRACT §9 on Azurite: pushes that wait for CI, CI results that release, skip or re-open them, one job each.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CiDeployTests(AzuriteFixture azurite)
{
    private static readonly IReadOnlyList<ServiceDeployment> ShopAtCommit =
        [new("web", Payloads.Commit), new("worker", Payloads.Commit)];

    [Fact]
    public async Task PushThenSuccess_WaitsThenDispatchesOneJobUnderThePushsRequestId()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());

        var pushed = await ci.PushAsync();
        await ci.ProcessAsync();
        var waiting = await ci.StatusAsync(pushed["requestId"]);

        Assert.Equal(202, pushed.Status);
        Assert.Equal(ci.CommitRequestId, pushed["requestId"]);
        Assert.Equal("waiting", waiting["status"]);
        Assert.Equal("waiting for CI on 9f3c1a2", waiting["reason"]);
        Assert.Empty(await ci.JobsAsync());

        var passed = await ci.CiAsync("build", succeeded: true);
        await ci.ProcessAsync();

        Assert.Equal(202, passed.Status);
        Assert.Equal(ci.CommitRequestId, passed["requestId"]);
        Assert.Equal(pushed["statusUrl"], passed["statusUrl"]);
        var job = Assert.Single(await ci.JobsAsync());
        Assert.Equal(ci.CommitRequestId, job.JobId);
        Assert.Equal(ShopAtCommit, job.Services);
        var status = await ci.StatusAsync();
        Assert.Equal("dispatched", status["status"]);
        Assert.Null(status["reason"]);
    }

    [Fact]
    public async Task SuccessWithoutPush_DeploysTheCommitAsThePushWould()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());

        var passed = await ci.CiAsync("build", succeeded: true);
        var queued = await ci.StatusAsync();
        await ci.ProcessAsync();

        Assert.Equal(202, passed.Status);
        Assert.Equal("queued", queued["status"]);
        Assert.Equal(ShopAtCommit, Assert.Single(await ci.JobsAsync()).Services);
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task ListedChecks_ArriveOneByOne_DeployOnlyWhenEveryOneHasSucceeded()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build", "e2e"));

        await ci.PushAsync();
        await ci.ProcessAsync();
        Assert.Equal("waiting for checks build, e2e on 9f3c1a2", (await ci.StatusAsync())["reason"]);

        await ci.CiAsync("e2e", succeeded: true);
        await ci.ProcessAsync();
        var afterE2e = await ci.StatusAsync();
        Assert.Equal(("waiting", "waiting for checks build on 9f3c1a2"), (afterE2e["status"], afterE2e["reason"]));
        Assert.Empty(await ci.JobsAsync());

        await ci.CiAsync("build", succeeded: true);
        await ci.ProcessAsync();

        Assert.Single(await ci.JobsAsync());
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task FailureThenRerunSuccess_SkipsThenDeploysWithTheSuccessesSeenBefore()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build", "e2e"));
        await ci.PushAsync();
        await ci.CiAsync("build", succeeded: true);
        await ci.CiAsync("e2e", succeeded: false, "failure");
        await ci.ProcessAsync();

        var failed = await ci.StatusAsync();
        Assert.Equal(("skipped", "CI failed: e2e failure"), (failed["status"], failed["reason"]));
        Assert.Empty(await ci.JobsAsync());

        // Another push of the same commit does not undo the failure; the re-run's success does.
        await ci.PushAsync();
        await ci.ProcessAsync();
        Assert.Equal("skipped", (await ci.StatusAsync())["status"]);

        var rerun = await ci.CiAsync("e2e", succeeded: true);
        await ci.ProcessAsync();

        Assert.Equal(202, rerun.Status);
        Assert.Single(await ci.JobsAsync());
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task CheckNotListed_IsIgnoredAndQueuesNothing()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build"));

        var answer = await ci.CiAsync("lint", succeeded: true);

        Assert.Equal(200, answer.Status);
        Assert.Equal("ignored", answer["status"]);
        Assert.Equal("check lint is not counted: the stack waits for build", answer["reason"]);
        Assert.Equal(0, await ci.Pipeline.RequestMessageCountAsync());
    }

    [Fact]
    public async Task PushModeStack_IgnoresCiEventsAndDeploysPushesAtOnce()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnPush);

        var answer = await ci.CiAsync("build", succeeded: true);
        var pushed = await ci.PushAsync();
        await ci.ProcessAsync();

        Assert.Equal((200, "ignored", "stack deploys on push"), (answer.Status, answer["status"], answer["reason"]));
        Assert.NotEqual(ci.CommitRequestId, pushed["requestId"]);
        Assert.Equal("dispatched", (await ci.StatusAsync(pushed["requestId"]))["status"]);
        Assert.Single(await ci.JobsAsync());
    }

    [Fact]
    public async Task SameCiDeliveryTwice_IsADuplicateOfItselfBeforeAndAfterItIsHandled()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build", "e2e"));
        await ci.PushAsync();
        const string delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

        var first = await ci.CiAsync("build", succeeded: true, delivery: delivery);
        await ci.ProcessAsync();
        var again = await ci.CiAsync("build", succeeded: true, delivery: delivery);

        Assert.Equal(202, first.Status);
        Assert.Equal((200, "duplicate", ci.CommitRequestId), (again.Status, again["status"], again["requestId"]));
        Assert.Equal(0, await ci.Pipeline.RequestMessageCountAsync());
        Assert.Equal("waiting", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task SameCiDeliveryTwice_WhenItMadeTheRow_IsADuplicateAndDeploysOnce()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        const string delivery = "8e0d3c80-cc78-11e3-81ab-4c9367dc0958";

        await ci.CiAsync("build", succeeded: true, delivery: delivery);
        var again = await ci.CiAsync("build", succeeded: true, delivery: delivery);
        await ci.ProcessAsync();

        Assert.Equal((200, "duplicate"), (again.Status, again["status"]));
        Assert.Single(await ci.JobsAsync());
    }

    [Fact]
    public async Task EventAfterDispatch_IsADuplicateWithTheRequestId()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync();
        await ci.CiAsync("build", succeeded: true);
        await ci.ProcessAsync();

        var late = await ci.CiAsync("e2e", succeeded: false);
        var pushedAgain = await ci.PushAsync();

        Assert.Equal((200, "duplicate", ci.CommitRequestId), (late.Status, late["status"], late["requestId"]));
        Assert.Equal((200, "duplicate"), (pushedAgain.Status, pushedAgain["status"]));
        Assert.Equal(0, await ci.Pipeline.RequestMessageCountAsync());
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task TwoSuccessesRacing_MakeOneJob()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync();
        await ci.ProcessAsync();
        await ci.CiAsync("build", succeeded: true);
        await ci.CiAsync("e2e", succeeded: true);

        var messages = await ci.ReceiveAllAsync();
        var runs = messages.Select(m => Task.Run(() => ci.Pipeline.Process.RunAsync(m, CancellationToken.None))).ToList();
        var outcomes = await Task.WhenAll(runs.Select(async run =>
        {
            try
            {
                await run;
                return true;
            }
            catch (InvalidOperationException)
            {
                // The loser met the winner's fresh dispatch claim: the host retries it later, and then it changes nothing.
                return false;
            }
        }));
        for (var i = 0; i < messages.Count; i++)
        {
            if (!outcomes[i])
            {
                await ci.Pipeline.Process.RunAsync(messages[i], CancellationToken.None);
            }
        }

        Assert.Equal(2, messages.Count);
        Assert.Single(await ci.JobsAsync());
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task FailureAndSuccessRacing_EndAsTheLaterOneDecidesAndNeverTwoJobs()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build", "e2e"));
        await ci.PushAsync();
        await ci.CiAsync("build", succeeded: true);
        await ci.ProcessAsync();
        await ci.CiAsync("e2e", succeeded: false);
        await ci.CiAsync("e2e", succeeded: true);

        var messages = await ci.ReceiveAllAsync();
        var results = await Task.WhenAll(messages.Select(m => Task.Run(async () =>
        {
            // The loser may meet the winner's dispatch claim more than once while the winner is mid-dispatch: the host
            // retries it (up to maxDequeueCount), and so does this test.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ci.Pipeline.Process.RunAsync(m, CancellationToken.None);
                    return true;
                }
                catch (InvalidOperationException) when (attempt < PipelineTimings.MaxDequeueCount)
                {
                    await Task.Delay(50);
                }
            }
        })));

        var status = (await ci.StatusAsync())["status"];
        var jobs = await ci.JobsAsync();
        Assert.Equal(2, results.Length);
        Assert.True(status is "dispatched" or "skipped", status);
        Assert.Equal(status == "dispatched" ? 1 : 0, jobs.Count);
    }

    [Fact]
    public async Task PushToAnUntrackedBranch_IsSkippedNotWaiting()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());

        await ci.PushAsync(branch: "feature/x");
        await ci.ProcessAsync();

        var status = await ci.StatusAsync();
        Assert.Equal("skipped", status["status"]);
        Assert.Contains("feature/x", status["reason"]);
    }

    [Fact]
    public async Task CommitPushedToAFeatureBranchThenMain_WaitsOnceItReachesTheTrackedBranch()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync(branch: "feature/x");
        await ci.CiAsync("build", succeeded: true, branch: "feature/x");
        await ci.ProcessAsync();
        Assert.Equal("skipped", (await ci.StatusAsync())["status"]);

        // CI passed on the commit already: the push that brings it to main deploys it.
        await ci.PushAsync(branch: "main");
        await ci.ProcessAsync();

        Assert.Equal(ShopAtCommit, Assert.Single(await ci.JobsAsync()).Services);
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task CiServicesModifier_ChoosesTheDeployedServices()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync();

        await ci.CiAsync("build", succeeded: true, services: "web,redis");
        await ci.ProcessAsync();

        Assert.Equal([new ServiceDeployment("web", Payloads.Commit), new ServiceDeployment("redis")], Assert.Single(await ci.JobsAsync()).Services);
    }

    [Fact]
    public async Task GenericCallWithoutCommit_OnCiStack_DeploysAtOnce()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build"));

        var answer = await ci.Pipeline.PostAsync(ci.Uid, ci.Token, body: null, contentType: null);
        await ci.ProcessAsync();

        Assert.Equal(202, answer.Status);
        Assert.Equal("dispatched", (await ci.StatusAsync(answer["requestId"]))["status"]);
        Assert.Single(await ci.JobsAsync());
    }

    [Fact]
    public async Task GenericCallNamingTheCommit_IsTheEndOfCiAndDeploysTheWaitingRequest()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi("build", "e2e"));
        await ci.PushAsync();
        await ci.ProcessAsync();

        var answer = await ci.Pipeline.PostAsync(ci.Uid, ci.Token, $$"""{"branch": "main", "commit": "{{Payloads.Commit}}"}""");
        await ci.ProcessAsync();

        Assert.Equal(202, answer.Status);
        Assert.Equal(ci.CommitRequestId, answer["requestId"]);
        Assert.Equal(ShopAtCommit, Assert.Single(await ci.JobsAsync()).Services);
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task WaitingRequest_IsLeftAloneByTheReconcilerHoweverLongItWaits()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync();
        await ci.ProcessAsync();
        ci.Pipeline.Time.Advance(ci.Pipeline.Options.GiveUpAfter * 2);

        var reconciler = new Redeploy.Core.Processing.RequestReconciler(
            ci.Pipeline.Requests, ci.Pipeline.RequestQueue, ci.Pipeline.Services.GetRequiredService<Redeploy.Core.Processing.RequestRetention>(),
            ci.Pipeline.Options, ci.Pipeline.Time, new CapturingLogger<Redeploy.Core.Processing.RequestReconciler>());
        var report = await reconciler.ReconcileAsync(CancellationToken.None);
        await ci.CiAsync("build", succeeded: true);
        await ci.ProcessAsync();

        Assert.Equal(0, report.Failed);
        Assert.Equal("dispatched", (await ci.StatusAsync())["status"]);
    }

    [Fact]
    public async Task WaitingRequestWhoseCiMessageIsPoisoned_ReadsFailed()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        await ci.PushAsync();
        await ci.ProcessAsync();

        await ci.Pipeline.Processor.MarkPoisonedAsync(ci.Uid, ci.CommitRequestId, 5, CancellationToken.None);

        var status = await ci.StatusAsync();
        Assert.Equal(("failed", "processing failed after 5 attempts"), (status["status"], status["reason"]));
    }

    [Fact]
    public async Task CiEventNamingNoCommit_IsIgnored()
    {
        var ci = await CiHarness.CreateAsync(azurite.ConnectionString, DeployRule.OnCi());
        var result = Redeploy.Core.Hooks.Delivery.CiFinished(
            Redeploy.Core.Hooks.Sender.GitHub, "d-1", "check_suite", new Redeploy.Core.Hooks.CiCheck("github-actions", true, "success"),
            [new Redeploy.Core.Hooks.Push(Redeploy.Core.Hooks.Push.NoRepository, "main", null, null)]);

        var answer = await ci.Pipeline.Intake.AcceptDeliveryAsync(ci.Stack, new HookCall(ci.Uid, ci.Token, Redeploy.Core.Hooks.HookHeaders.Empty, new Dictionary<string, IReadOnlyList<string>>(), Stream.Null, 0), result, CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Contains("names no commit", System.Text.Encoding.UTF8.GetString(answer.Body.Span));
        Assert.Equal(0, await ci.Pipeline.RequestMessageCountAsync());
    }
}
