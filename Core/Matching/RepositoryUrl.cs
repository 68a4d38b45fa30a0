namespace Redeploy.Core.Matching;

/// <summary>
/// Repository URLs compare after normalisation (CONTRACT §4): scheme, user and port dropped, scp form
/// <c>git@host:owner/repo</c> read as <c>host/owner/repo</c>, trailing <c>.git</c> and <c>/</c> dropped, lower case.
/// </summary>
public static class RepositoryUrl
{
    private static readonly string[] Schemes = ["https://", "http://", "ssh://", "git://", "git+ssh://", "ssh+git://"];

    /// <summary>Normalises <paramref name="url"/>; false when it is not a repository URL (no host or no path).</summary>
    public static bool TryNormalize(string? url, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var rest = url.Trim();
        if (rest.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var scheme = Schemes.FirstOrDefault(s => rest.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        string authority;
        string path;
        if (scheme is not null)
        {
            rest = rest[scheme.Length..];
            var slash = rest.IndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            authority = rest[..slash];
            path = rest[(slash + 1)..];
            authority = StripUser(authority);
            var colon = authority.LastIndexOf(':');
            if (colon >= 0)
            {
                authority = authority[..colon];
            }
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }
        else
        {
            // scp form: [user@]host:owner/repo
            var colon = rest.IndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            authority = StripUser(rest[..colon]);
            path = rest[(colon + 1)..];
        }

        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            path = path[..query];
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4].TrimEnd('/');
        }

        if (authority.Length == 0 || path.Length == 0 || authority.Contains('/'))
        {
            return false;
        }

        normalized = $"{authority}/{path}".ToLowerInvariant();
        return true;
    }

    /// <summary>The normalised form, or null when <paramref name="url"/> is not a repository URL.</summary>
    public static string? Normalize(string? url) => TryNormalize(url, out var normalized) ? normalized : null;

    /// <summary>True when both URLs normalise to the same repository.</summary>
    public static bool SameRepository(string? left, string? right) =>
        TryNormalize(left, out var a) && TryNormalize(right, out var b) && string.Equals(a, b, StringComparison.Ordinal);

    private static string StripUser(string authority)
    {
        var at = authority.LastIndexOf('@');
        return at >= 0 ? authority[(at + 1)..] : authority;
    }
}
