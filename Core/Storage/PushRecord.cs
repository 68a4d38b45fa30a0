using System.Text.Json.Serialization;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Storage;

/// <summary>
/// One push as the requests table keeps it for people (the delivery log page): the repository's web address, the
/// branch and the commit. Bounded: at most <see cref="MaxPushes"/> a request and <see cref="MaxLength"/> characters a field.
/// </summary>
public sealed record PushRecord(
    [property: JsonPropertyName("repo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Repository,
    [property: JsonPropertyName("branch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Branch,
    [property: JsonPropertyName("commit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Commit)
{
    public const int MaxPushes = 5;
    public const int MaxLength = 300;

    /// <summary>The first <see cref="MaxPushes"/> pushes that name anything; null when none does.</summary>
    public static IReadOnlyList<PushRecord>? From(IReadOnlyList<Push> pushes)
    {
        var records = pushes.Where(p => !p.IsEmpty).Take(MaxPushes).Select(From).ToList();
        return records.Count == 0 ? null : records;
    }

    // A host sends its web address (html_url, web_url, links.html) beside clone URLs: that is the one people can open.
    private static PushRecord From(Push push)
    {
        var repository = push.RepositoryUrls.FirstOrDefault(IsWebAddress) ?? push.RepositoryUrls.FirstOrDefault();
        return new PushRecord(Cut(repository?.TrimEnd('/')), Cut(push.Branch ?? push.Tag), Cut(push.Commit));
    }

    private static bool IsWebAddress(string url) =>
        (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && !url.EndsWith(".git", StringComparison.OrdinalIgnoreCase);

    private static string? Cut(string? value) => value is { Length: > MaxLength } ? value[..(MaxLength - 1)] + "…" : value;
}
