using System.Buffers;
using Redeploy.Core.Hooks;

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

    /// <summary>The longest commit id: a full SHA-256 object name (SHA-1 has 40).</summary>
    public const int LongestCommit = 64;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Hex, from <paramref name="minLength"/> up to <see cref="LongestCommit"/> characters.</summary>
    public static bool IsCommit(ReadOnlySpan<char> value, int minLength) =>
        value.Length >= minLength && value.Length <= LongestCommit && !value.ContainsAnyExcept(HexDigits);

    /// <summary>True for the all-zero object name hosts send as the "after" of a deleted ref (or the "before" of a new one).</summary>
    public static bool IsZeroCommit(string? sha) => !string.IsNullOrEmpty(sha) && sha.All(c => c == '0');

    /// <summary>Returns <paramref name="value"/> unchanged once it is known to be a repository URL; normalisation happens when matching.</summary>
    public static string RepositoryUrl(string value, string field) => RepositoryUrl(value, field, out _);

    /// <summary>As <see cref="RepositoryUrl(string, string)"/>, also giving the normalised form.</summary>
    public static string RepositoryUrl(string value, string field, out string normalized)
    {
        if (value.Length > PayloadLimits.MaxRepositoryUrlLength)
        {
            throw new PayloadFormatException($"field '{field}': longer than {PayloadLimits.MaxRepositoryUrlLength} characters");
        }

        return Hooks.RepositoryUrl.TryNormalize(value, out normalized)
            ? value
            : throw new PayloadFormatException($"field '{field}': not a repository URL");
    }

    /// <summary>
    /// <c>refs/heads/x/y</c> is branch <c>x/y</c>, <c>refs/tags/t</c> is tag <c>t</c>, a bare name is a branch. The name is
    /// checked as <see cref="RefName"/> does.
    /// </summary>
    public static (string? Branch, string? Tag) Ref(string? refName, string field)
    {
        const string heads = "refs/heads/";
        const string tags = "refs/tags/";
        if (string.IsNullOrEmpty(refName))
        {
            return (null, null);
        }

        if (refName.StartsWith(heads, StringComparison.Ordinal))
        {
            return refName.Length > heads.Length ? (RefName(refName[heads.Length..], field), null) : (null, null);
        }

        if (refName.StartsWith(tags, StringComparison.Ordinal))
        {
            return refName.Length > tags.Length ? (null, RefName(refName[tags.Length..], field)) : (null, null);
        }

        return (RefName(refName, field), null);
    }

    /// <summary>
    /// A branch or tag name, returned unchanged: at most <see cref="PayloadLimits.MaxRefNameBytes"/> UTF-8 bytes and no control
    /// characters (Git refuses those in ref names too), so that it is safe to store, show and log.
    /// </summary>
    public static string RefName(string name, string field)
    {
        if (name.Length > PayloadLimits.MaxRefNameBytes || System.Text.Encoding.UTF8.GetByteCount(name) > PayloadLimits.MaxRefNameBytes)
        {
            throw new PayloadFormatException($"field '{field}': ref name longer than {PayloadLimits.MaxRefNameBytes} bytes");
        }

        if (name.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || name.Contains('\u007f'))
        {
            throw new PayloadFormatException($"field '{field}': ref name with a control character");
        }

        return name;
    }
}
