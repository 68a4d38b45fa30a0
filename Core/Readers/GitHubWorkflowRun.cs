namespace Redeploy.Core.Readers;

/// <summary>
/// What a GitHub <c>workflow_run</c> delivery says. It is read but not acted on yet: deploying once CI has passed
/// (a completed run with conclusion success) is a later issue, which will start from this record.
/// </summary>
internal sealed record GitHubWorkflowRun(
    string? Action,
    string? Status,
    string? Conclusion,
    string? HeadBranch,
    string? HeadCommit,
    IReadOnlyList<string> RepositoryUrls);
