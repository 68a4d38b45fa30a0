namespace Redeploy.Core.Deployments;

/// <summary>What a report does to a request.</summary>
public enum TransitionKind
{
    /// <summary>The report moves the request on (or adds links to a running deployment): 202.</summary>
    Applied,

    /// <summary>The same report as the last one: 200 duplicate, nothing changes.</summary>
    Duplicate,

    /// <summary>Not allowed from where the request stands (a final state, or no job handed over): 409.</summary>
    Conflict,
}
