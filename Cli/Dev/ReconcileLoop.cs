using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Dev;

/// <summary>
/// The local host's stand-in for the timer-triggered <c>Reconcile</c> function (the WebJobs SDK has timers only with an
/// extension): the same reconciler, run every <see cref="Interval"/>. A run that fails (storage away) is logged and the
/// next one tries again.
/// </summary>
internal sealed class ReconcileLoop(RequestReconciler reconciler, LocalHostSettings settings, TimeProvider time, ILogger<ReconcileLoop> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(20);

    private TimeSpan Interval => settings.ReconcileInterval ?? DefaultInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var queueSide = StorageTries.QueueSide();
                await reconciler.ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let a failed run stop the host (a BackgroundService that throws does): the next run tries again.
                logger.LogWarning(e, "Reconciler run failed; the next run tries again");
            }
        }
    }
}
