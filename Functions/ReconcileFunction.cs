using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

/// <summary>Runs the reconciler every 20 seconds: requests left half-done are sent again or, past a bound, marked failed.</summary>
public sealed class ReconcileFunction(RequestReconciler reconciler)
{
    /// <summary>
    /// Every 20 s (NCRONTAB with seconds): a request stuck past the 30 s in-flight window is re-sent within 50 s, so every
    /// request is final within a minute after storage recovers.
    /// </summary>
    public const string Schedule = "*/20 * * * * *";

    [Function("Reconcile")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var queueSide = StorageTries.QueueSide();
        await reconciler.ReconcileAsync(cancellationToken);
    }
}
