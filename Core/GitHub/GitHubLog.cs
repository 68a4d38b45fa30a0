using Microsoft.Extensions.Logging;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The log lines of the GitHub integration (event ids 5xxx), kept beside it rather than in Core's Log so that it can be
/// read alone. Never a token, a key, a secret or a hook URL: repositories by name, requests by id.
/// </summary>
internal static partial class GitHubLog
{
    [LoggerMessage(5001, LogLevel.Information, "GitHub deployment {DeploymentId} created in {Repository} for request {RequestId} ({Ref})")]
    public static partial void DeploymentCreated(ILogger logger, long deploymentId, string repository, string requestId, string @ref);

    [LoggerMessage(5002, LogLevel.Information, "GitHub deployment {DeploymentId} in {Repository}: {State}")]
    public static partial void StatusPosted(ILogger logger, long deploymentId, string repository, string state);

    [LoggerMessage(5003, LogLevel.Warning, "GitHub rate limit on {Repository}: request {RequestId} ({State}) tried again in {Wait}")]
    public static partial void RateLimited(ILogger logger, string repository, string requestId, string state, TimeSpan wait);

    [LoggerMessage(5004, LogLevel.Warning, "Gave up on GitHub deployments of request {RequestId} in {Repository}: {Error}")]
    public static partial void GaveUp(ILogger logger, string requestId, string repository, string error);

    [LoggerMessage(5005, LogLevel.Warning, "Could not queue the GitHub update of request {RequestId} ({State}); the deployment goes on without it")]
    public static partial void NotQueued(ILogger logger, Exception exception, string requestId, string state);

    [LoggerMessage(5006, LogLevel.Information, "No GitHub deployments for request {RequestId}: {Reason}")]
    public static partial void NothingToDo(ILogger logger, string requestId, string reason);

    [LoggerMessage(5007, LogLevel.Information, "Found GitHub deployment {DeploymentId} in {Repository} that an earlier attempt created for request {RequestId}")]
    public static partial void DeploymentFound(ILogger logger, long deploymentId, string repository, string requestId);
}
