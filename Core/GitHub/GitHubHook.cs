namespace Redeploy.Core.GitHub;

/// <summary>A repository webhook as <c>GET /repos/{o}/{r}/hooks</c> lists it (GitHub never returns its secret).</summary>
internal sealed record GitHubHook(long Id, string? Url, IReadOnlyList<string> Events, bool Active, string? ContentType);
