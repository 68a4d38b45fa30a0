namespace Redeploy.Core.Readers;

/// <summary>
/// Checks on the Git values every reader takes from a payload: commit SHAs, repository URLs and ref names.
/// A value that fails a check throws <see cref="PayloadFormatException"/> naming the field.
/// </summary>
internal static class GitValues
{
    private const string HeadsPrefix = "refs/heads/";
    private const string TagsPrefix = "refs/tags/";

    /// <summary>A commit SHA, lower case; null stays null. 4 to 64 hex characters: abbreviated, SHA-1 or SHA-256.</summary>
    public static string? Commit(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is < 4 or > 64 || !value.All(char.IsAsciiHexDigit))
        {
            throw new PayloadFormatException($"field '{field}': expected a hex commit SHA");
        }

        return value.ToLowerInvariant();
    }

    /// <summary>True for the all-zero SHA that hosts send as the new value of a deleted ref.</summary>
    public static bool IsZeroCommit(string? sha) => !string.IsNullOrEmpty(sha) && sha.All(c => c == '0');

    /// <summary>The value unchanged when it normalises as a repository URL.</summary>
    public static string RepositoryUrl(string value, string field)
    {
        if (!Matching.RepositoryUrl.TryNormalize(value, out _))
        {
            throw new PayloadFormatException($"field '{field}': not a repository URL");
        }

        return value;
    }

    /// <summary>
    /// <c>refs/heads/x/y</c> is branch <c>x/y</c>, <c>refs/tags/t</c> is tag <c>t</c>; any other name is taken as a branch,
    /// since hosts that send bare names (Bitbucket, the generic form) send branch names.
    /// </summary>
    public static (string? Branch, string? Tag) Ref(string? refName)
    {
        if (refName is null)
        {
            return (null, null);
        }

        if (refName.StartsWith(HeadsPrefix, StringComparison.Ordinal))
        {
            return (refName[HeadsPrefix.Length..], null);
        }

        if (refName.StartsWith(TagsPrefix, StringComparison.Ordinal))
        {
            return (null, refName[TagsPrefix.Length..]);
        }

        return (refName, null);
    }
}
