using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// The repository URLs of one push as a reader collects them: each repository once, found in a set by its normalised form
/// (a payload repeating a URL field thousands of times costs one pass), at most <see cref="PayloadLimits.MaxRepositoryUrls"/>.
/// </summary>
/// <param name="distinctByText">
/// Keeps every distinct URL text, not one per repository: Azure DevOps lists its remote, SSH and web URLs, and all are kept.
/// </param>
internal sealed class RepositoryUrls(bool distinctByText = false)
{
    private readonly List<string> urls = new(4);
    private readonly HashSet<string> repositories = new(StringComparer.Ordinal);

    public int Count => urls.Count;

    /// <summary>Adds a URL found in <paramref name="field"/> unless it is empty or names a repository already listed.</summary>
    public void Add(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        GitValues.RepositoryUrl(value, field, out var normalized);
        if (!repositories.Add(distinctByText ? value : normalized))
        {
            return;
        }

        if (urls.Count == PayloadLimits.MaxRepositoryUrls)
        {
            throw new PayloadFormatException($"field '{field}': more than {PayloadLimits.MaxRepositoryUrls} repository URLs in one push");
        }

        urls.Add(value);
    }

    public IReadOnlyList<string> ToList() => urls.Count == 0 ? Push.NoRepository : urls.ToArray();
}
