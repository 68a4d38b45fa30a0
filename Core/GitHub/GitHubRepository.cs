using Redeploy.Core.Hooks;

namespace Redeploy.Core.GitHub;

/// <summary>A repository on the configured GitHub: <c>{owner}/{name}</c>, the first two path segments of its normalised URL.</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    public string FullName => $"{Owner}/{Name}";

    /// <summary>The repository of <paramref name="url"/> when its normalised host is <see cref="GitHubOptions.RepositoryHost"/>.</summary>
    public static GitHubRepository? From(string? url, GitHubOptions options)
    {
        if (RepositoryUrl.Normalize(url) is not { } normalized)
        {
            return null;
        }

        var parts = normalized.Split('/');
        return parts.Length >= 3 && parts[0] == options.RepositoryHost && parts[1].Length > 0 && parts[2].Length > 0
            ? new GitHubRepository(parts[1], parts[2])
            : null;
    }

    public override string ToString() => FullName;
}
