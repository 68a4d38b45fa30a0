namespace Redeploy.Core.Processing;

/// <summary>What one run of the reconciler found and did.</summary>
public sealed class ReconcileReport
{
    /// <summary>Requests found queued or dispatching.</summary>
    public int Open { get; set; }

    /// <summary>Requests whose message was sent again.</summary>
    public int Resent { get; set; }

    /// <summary>Requests marked failed.</summary>
    public int Failed { get; set; }

    /// <summary>Requests deleted past their retention (<see cref="RequestRetention"/>).</summary>
    public int Expired { get; set; }
}
