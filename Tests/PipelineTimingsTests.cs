using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Redeploy.Cli.Dev;
using Redeploy.Core;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Functions;
using Xunit;

namespace Redeploy.Tests;

/// <summary>The relations between the pipeline's times and counts (docs/decisions.md, "Timings that depend on each other").</summary>
public sealed class PipelineTimingsTests
{
    [Fact]
    public void StorageBudget_InsideTheGitHostsTimeoutAndLongerThanOneStorageTry()
    {
        Assert.True(PipelineTimings.StorageBudget < PipelineTimings.GitHostTimeout);
        Assert.True(PipelineTimings.StorageTryTimeout < PipelineTimings.StorageBudget);
    }

    [Fact]
    public void QueueSideTry_LongerThanAnAnswersTryAndEndedBeforeTheDispatchLease()
    {
        Assert.True(PipelineTimings.QueueSideTryTimeout > PipelineTimings.StorageTryTimeout);
        Assert.True(PipelineTimings.QueueSideTryTimeout < PipelineTimings.DispatchLease);
    }

    [Fact]
    public void StorageBudget_IsTheOneTheIntakeUses() =>
        Assert.Equal(PipelineTimings.StorageBudget, HookIntake.StorageBudget);

    [Fact]
    public void InFlightWindow_DefaultOutlastsTheStorageBudget()
    {
        Assert.Equal(PipelineTimings.InFlightWindow, new RedeployOptions().InFlightWindow);
        Assert.True(PipelineTimings.InFlightWindow > PipelineTimings.StorageBudget);
    }

    [Fact]
    public void DispatchLease_EndsBeforeTheHostsRetriesAreUsedUp()
    {
        var retries = (PipelineTimings.MaxDequeueCount - 1) * PipelineTimings.VisibilityTimeout;

        Assert.True(PipelineTimings.DispatchLease < retries);
        Assert.Equal(PipelineTimings.DispatchLease, RequestProcessor.DispatchLease);
        Assert.Equal(2 * PipelineTimings.DispatchLease, RequestReconciler.DispatchGrace);
    }

    [Fact]
    public void HostJson_SaysWhatTheConstantsSay()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(HostJson.Find()!));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(PipelineTimings.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(PipelineTimings.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PipelineTimings.MaxDequeueCount, PoisonRequestFunction.Attempts);
    }

    [Fact]
    public void QueueNames_TriggersListenWhereTheAppWrites()
    {
        var options = new RedeployOptions();

        Assert.Equal(ProcessRequestFunction.Queue, options.RequestQueue);
        Assert.Equal(DeliverJobFunction.Queue, options.DeliveryQueue);
        Assert.Equal(DeploymentEventFunction.Queue, options.EventQueue);
        Assert.Equal(PoisonRequestFunction.Queue, QueueNames.Poison(ProcessRequestFunction.Queue));
        Assert.Equal(PoisonDeliveryFunction.Queue, QueueNames.Poison(DeliverJobFunction.Queue));
        Assert.Equal(PoisonDeploymentEventFunction.Queue, QueueNames.Poison(DeploymentEventFunction.Queue));
    }

    [Fact]
    public void QueueNames_NotBoundFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redeploy:RequestQueue"] = "elsewhere",
            ["Redeploy:DeliveryQueue"] = "elsewhere",
            ["Redeploy:EventQueue"] = "elsewhere",
            ["Redeploy:JobQueue"] = "jobs-elsewhere",
        }).Build();
        var options = new RedeployOptions();

        configuration.GetSection(RedeployOptions.Section).Bind(options);

        Assert.Equal(QueueNames.Requests, options.RequestQueue);
        Assert.Equal(QueueNames.Deliveries, options.DeliveryQueue);
        Assert.Equal(QueueNames.DeploymentEvents, options.EventQueue);
        Assert.Equal("jobs-elsewhere", options.JobQueue);
    }
}
