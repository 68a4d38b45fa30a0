namespace Redeploy.Core.Readers;

/// <summary>What a CI event's state or conclusion says, in the words of CONTRACT §9's table.</summary>
internal enum CiVerdict
{
    /// <summary>Requested, queued, pending, in progress, running: nothing to act on yet.</summary>
    Unfinished,

    /// <summary>In the table's success column.</summary>
    Succeeded,

    /// <summary>In the table's failure column.</summary>
    Failed,

    /// <summary>Finished, but neither (GitHub neutral, skipped, stale, action_required; GitLab skipped; ...).</summary>
    Neither,
}
