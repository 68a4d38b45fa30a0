namespace Redeploy.Core.Hooks;

/// <summary>
/// Repository URLs compare after normalisation (CONTRACT §4): scheme, user and port dropped, scp form
/// <c>git@host:owner/repo</c> read as <c>host/owner/repo</c>, trailing <c>.git</c> and <c>/</c> dropped, lower case.
/// The normalised form <c>host/owner/repo</c> is itself accepted, so normalising twice changes nothing.
/// </summary>
internal static class RepositoryUrl
{
    private static readonly string[] Schemes = ["https://", "http://", "ssh://", "git://", "git+ssh://", "ssh+git://"];

    /// <summary>Normalises <paramref name="url"/>; false when it is not a repository URL (no host or no path).</summary>
    public static bool TryNormalize(string? url, out string normalized)
    {
        normalized = string.Empty;
        if (!TryParse(url, out var host, out var path))
        {
            return false;
        }

        var length = host.Length + 1 + path.Length;
        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        host.ToLowerInvariant(buffer);
        buffer[host.Length] = '/';
        path.ToLowerInvariant(buffer[(host.Length + 1)..]);
        normalized = new string(buffer);
        return true;
    }

    /// <summary>The normalised form, or null when <paramref name="url"/> is not a repository URL.</summary>
    public static string? Normalize(string? url) => TryNormalize(url, out var normalized) ? normalized : null;

    /// <summary>True when both URLs normalise to the same repository.</summary>
    public static bool SameRepository(string? left, string? right) =>
        TryNormalize(left, out var a) && TryParse(right, out var host, out var path) && IsNormalizedAs(host, path, a);

    /// <summary>
    /// Splits <paramref name="url"/> into host and path as they compare, without allocating; false when it is not a
    /// repository URL. The parts keep the case of the input: compare them with <see cref="IsNormalizedAs"/>.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> url, out ReadOnlySpan<char> host, out ReadOnlySpan<char> path)
    {
        host = default;
        path = default;
        var rest = url.Trim();
        if (rest.IsEmpty || HasForbiddenCharacter(rest))
        {
            return false;
        }

        var schemeLength = SchemeLength(rest);
        if (schemeLength > 0)
        {
            rest = rest[schemeLength..];
            var slash = rest.IndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            host = StripPort(StripUser(rest[..slash]));
            path = rest[(slash + 1)..];
        }
        else if (rest.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            // ftp://, file://, ...: a scheme that no Git host sends.
            return false;
        }
        else
        {
            // An IPv6 host is bracketed ([::1]:owner/repo): its own colons do not end it.
            var colon = rest.IndexOf(':');
            var open = rest.IndexOf('[');
            var close = rest.IndexOf(']');
            if (open >= 0 && open < colon && close > colon)
            {
                colon = rest[close..].IndexOf(':') is var after and >= 0 ? close + after : -1;
            }

            var slash = rest.IndexOf('/');
            if (rest[0] == '[' && slash > 0 && rest[slash - 1] == ']')
            {
                // The normalised form of an IPv6 host: [::1]/owner/repo.
                host = rest[..slash];
                path = rest[(slash + 1)..];
            }
            else if (colon > 0 && (slash < 0 || colon < slash))
            {
                // scp form: [user@]host:owner/repo. Git reads "C:/x" as a Windows path, so a one-letter host is no host.
                host = StripUser(rest[..colon]);
                path = rest[(colon + 1)..];
                if (host.Length == 1 && char.IsAsciiLetter(host[0]))
                {
                    return false;
                }
            }
            else if (colon < 0 && slash > 0 && LooksLikeHostName(rest[..slash]))
            {
                // The normalised form itself (host/owner/repo), as a skip reason shows it and a user may copy it.
                host = StripUser(rest[..slash]);
                path = rest[(slash + 1)..];
            }
            else
            {
                return false;
            }
        }

        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
        {
            path = path[..query];
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4].TrimEnd('/');
        }

        return !host.IsEmpty && !path.IsEmpty && host.IndexOf('/') < 0;
    }

    /// <summary>True when <paramref name="host"/> and <paramref name="path"/> (from <see cref="TryParse"/>) normalise to <paramref name="normalized"/>.</summary>
    internal static bool IsNormalizedAs(ReadOnlySpan<char> host, ReadOnlySpan<char> path, string normalized) =>
        normalized.Length == host.Length + 1 + path.Length
        && normalized[host.Length] == '/'
        && host.Equals(normalized.AsSpan(0, host.Length), StringComparison.OrdinalIgnoreCase)
        && path.Equals(normalized.AsSpan(host.Length + 1), StringComparison.OrdinalIgnoreCase);

    private static int SchemeLength(ReadOnlySpan<char> url)
    {
        foreach (var scheme in Schemes)
        {
            if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return scheme.Length;
            }
        }

        return 0;
    }

    private static bool HasForbiddenCharacter(ReadOnlySpan<char> url)
    {
        foreach (var c in url)
        {
            if (c <= ' ' || c == '\\' || c == '\u007f' || (c > '\u007f' && (char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeHostName(ReadOnlySpan<char> segment)
    {
        var host = StripUser(segment);
        var dot = host.IndexOf('.');
        return dot > 0 && host[^1] != '.' && host.IndexOf('@') < 0;
    }

    private static ReadOnlySpan<char> StripUser(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        return at >= 0 ? authority[(at + 1)..] : authority;
    }

    private static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> authority)
    {
        // An IPv6 literal ([::1]) holds colons of its own: only a colon after the closing bracket starts a port.
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && colon > authority.LastIndexOf(']') ? authority[..colon] : authority;
    }
}
