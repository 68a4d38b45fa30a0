namespace Redeploy.Core.Observers;

/// <summary>Where a dispatched request's deployment stands (CONTRACT §7), as observers are told of it.</summary>
public enum DeploymentState
{
    /// <summary>The job was handed to the deployer.</summary>
    Dispatched,

    /// <summary>The deployer reported <c>started</c>.</summary>
    Started,

    Succeeded,

    Failed,

    Cancelled,

    /// <summary>The deployer was never reached: its retries ran out.</summary>
    Unreachable,
}
