namespace Redeploy.Core.Readers;

/// <summary>
/// Checks and shapes the Git values every reader takes from a payload: commits, repository URLs and ref names.
/// A bad value throws <see cref="PayloadFormatException"/> naming the field, which the edge turns into a 400.
/// </summary>
internal static class GitValues
{
    /// <summary>The commit lower-cased; null stays null. Anything but 4 to 64 hex characters is refused.</summary>
    public static string? Commit(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsCommit(value, ShortestAbbreviation))
        {
            throw new PayloadFormatException($"field '{field}': expected a hex commit SHA");
        }

        return value.ToLowerInvariant();
    }

    /// <summary>Git's shortest abbreviation of a commit id.</summary>
    public const int ShortestAbbreviation = 4;

    /// <summary>Hex, from <paramref name="minLength"/> up to 64 characters (a full SHA-256 object name; SHA-1 has 40).</summary>
    public static bool IsCommit(string value, int minLength) =>
        value.Length >= minLength && value.Length <= 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>True for the all-zero object name hosts send as the "after" of a deleted ref (or the "before" of a new one).</summary>
    public static bool IsZeroCommit(string? sha) => !string.IsNullOrEmpty(sha) && sha.All(c => c == '0');

    /// <summary>Returns <paramref name="value"/> unchanged once it is known to be a repository URL; normalisation happens when matching.</summary>
    public static string RepositoryUrl(string value, string field) =>
        Matching.RepositoryUrl.TryNormalize(value, out _)
            ? value
            : throw new PayloadFormatException($"field '{field}': not a repository URL");

    /// <summary><c>refs/heads/x/y</c> is branch <c>x/y</c>, <c>refs/tags/t</c> is tag <c>t</c>, a bare name is a branch.</summary>
    public static (string? Branch, string? Tag) Ref(string? refName)
    {
        const string heads = "refs/heads/";
        const string tags = "refs/tags/";
        if (string.IsNullOrEmpty(refName))
        {
            return (null, null);
        }

        if (refName.StartsWith(heads, StringComparison.Ordinal))
        {
            return refName.Length > heads.Length ? (refName[heads.Length..], null) : (null, null);
        }

        if (refName.StartsWith(tags, StringComparison.Ordinal))
        {
            return refName.Length > tags.Length ? (null, refName[tags.Length..]) : (null, null);
        }

        return (refName, null);
    }

    /// <summary>Adds a repository URL found in <paramref name="field"/> unless it is empty or the same repository is listed.</summary>
    public static void AddRepositoryUrl(List<string> urls, string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var url = RepositoryUrl(value, field);
        if (!urls.Exists(known => Matching.RepositoryUrl.SameRepository(known, url)))
        {
            urls.Add(url);
        }
    }
}
