using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// What every CI reader does once it has read its event (CONTRACT §9): an unfinished run or a conclusion outside the
/// success and failure lists is ignored with the reason, a finished one becomes a <see cref="DeliveryKind.CiResult"/>
/// with one push per branch it names (or one without a branch), each with the commit and the repository's URLs.
/// </summary>
internal static class CiEvents
{
    public const string NotFinished = "CI not finished";

    /// <summary>Characters of a check name (workflow name, app slug, status context, commit status key, build definition).</summary>
    public const int MaxCheckNameLength = 255;

    /// <summary>Characters of a state or conclusion word; every host's are a dozen or so.</summary>
    private const int MaxConclusionLength = 64;

    public static Delivery Unfinished(Sender sender, string? deliveryId, string? @event) =>
        Delivery.Ignored(sender, deliveryId, @event, NotFinished);

    /// <summary>
    /// The delivery of a finished run: ignored when <paramref name="verdict"/> is <see cref="CiVerdict.Neither"/> (naming the
    /// conclusion), else the CI result. A finished run must name its check and commit: without them it is malformed.
    /// </summary>
    public static Delivery Finished(
        Sender sender,
        string? deliveryId,
        string? @event,
        CiVerdict verdict,
        Field conclusion,
        Field name,
        Field commit,
        IReadOnlyList<string> repositoryUrls,
        IReadOnlyList<string> branches)
    {
        var word = Conclusion(conclusion);
        if (verdict == CiVerdict.Neither)
        {
            return Delivery.Ignored(sender, deliveryId, @event, $"CI conclusion '{word}' is neither success nor failure");
        }

        var check = new CiCheck(CheckName(name), verdict == CiVerdict.Succeeded, word);
        var sha = Required(commit);
        IReadOnlyList<Push> pushes = branches.Count == 0
            ? [new Push(repositoryUrls, null, null, sha)]
            : branches.Select(branch => new Push(repositoryUrls, branch, null, sha)).ToArray();
        return Delivery.CiFinished(sender, deliveryId, @event, check, pushes);
    }

    /// <summary>The check's name: present, at most <see cref="MaxCheckNameLength"/> characters, no control characters.</summary>
    public static string CheckName(Field name)
    {
        var value = Required(name);
        if (value.Length > MaxCheckNameLength)
        {
            throw new PayloadFormatException($"field '{name.Path}': check name longer than {MaxCheckNameLength} characters");
        }

        return HasControlCharacter(value)
            ? throw new PayloadFormatException($"field '{name.Path}': check name with a control character")
            : value;
    }

    /// <summary>A state or conclusion word, echoed in answers and logs: present, short, no control characters.</summary>
    private static string Conclusion(Field conclusion)
    {
        var value = Required(conclusion);
        return value.Length > MaxConclusionLength || HasControlCharacter(value)
            ? throw new PayloadFormatException($"field '{conclusion.Path}': not a CI state")
            : value;
    }

    private static string Required(Field field) =>
        string.IsNullOrEmpty(field.Value) ? throw new PayloadFormatException($"field '{field.Path}': missing") : field.Value;

    private static bool HasControlCharacter(string value) =>
        value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.Contains('\u007f');

    /// <summary>A value read from the payload and the field it came from, for the 400 that names it.</summary>
    internal readonly record struct Field(string? Value, string Path);
}
