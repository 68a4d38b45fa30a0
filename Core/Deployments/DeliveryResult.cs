namespace Redeploy.Core.Deployments;

public enum DeliveryResult
{
    /// <summary>The deployer accepted the job: the request reads dispatched (or what the deployer reported since).</summary>
    Delivered,

    /// <summary>Not accepted yet: the next attempt is queued with a delay.</summary>
    Retrying,

    /// <summary>Refused, or not accepted within the window: the request reads failed.</summary>
    Failed,

    /// <summary>Nothing to do: the job was delivered or given up already, or a later attempt owns it.</summary>
    Stale,

    /// <summary>Another copy of this attempt is delivering right now: this copy is queued again for after its lease.</summary>
    Busy,
}
