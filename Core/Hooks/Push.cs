namespace Redeploy.Core.Hooks;

/// <summary>
/// One push read from a delivery: any part may be absent. <see cref="Branch"/> and <see cref="Tag"/> are never both set;
/// <see cref="Deleted"/> is true when the push removed the ref.
/// </summary>
public sealed record Push(IReadOnlyList<string> RepositoryUrls, string? Branch, string? Tag, string? Commit, bool Deleted = false)
{
    public static readonly IReadOnlyList<string> NoRepository = [];

    /// <summary>True when the push names no repository, branch, tag or commit.</summary>
    public bool IsEmpty => RepositoryUrls.Count == 0 && Branch is null && Tag is null && Commit is null;

    /// <summary>
    /// The one deployable-push rule: a deleted ref or a tag never deploys (CONTRACT §3, §4). The intake ignores a delivery
    /// of only such pushes and queues only deployable ones; matching skips them should any reach it.
    /// </summary>
    public bool IsDeployable => !Deleted && Tag is null;
}
