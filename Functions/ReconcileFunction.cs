using Microsoft.Azure.Functions.Worker;
using Redeploy.Core.Processing;

namespace Redeploy.Functions;

/// <summary>Runs the reconciler every minute: requests left half-done are sent again or, past a bound, marked failed.</summary>
public sealed class ReconcileFunction(RequestReconciler reconciler)
{
    /// <summary>Every minute, at second 0 (NCRONTAB with seconds).</summary>
    public const string Schedule = "0 * * * * *";

    [Function("Reconcile")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        await reconciler.ReconcileAsync(cancellationToken);
}
