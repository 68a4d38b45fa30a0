using System.Text;

namespace Redeploy.Core.Security;

/// <summary>
/// Hook and job URLs with their tokens masked, for telemetry (CONTRACT §10): everything after the stack uid or job id
/// (the token, any further path, the query) becomes <c>***</c>, as in <c>/stacks/redeploy/{uid}/***</c> and
/// <c>/deployments/{jobId}/***</c>. One pass over the text; text without either path comes back as it is.
/// </summary>
public static class UrlRedaction
{
    public const string Mask = "***";

    private static readonly string[] Prefixes = ["/stacks/redeploy/", "/deployments/"];

    private const int Unknown = -2;

    // Where a URL ends inside a larger text (a log message, a dependency's command line).
    private static readonly System.Buffers.SearchValues<char> UrlEnd = System.Buffers.SearchValues.Create(" \t\r\n\"'<>");
    private static readonly System.Buffers.SearchValues<char> SegmentEnd = System.Buffers.SearchValues.Create("/?# \t\r\n\"'<>");

    public static bool MayHoldToken(string? text) =>
        text is not null && (text.Contains(Prefixes[0], StringComparison.OrdinalIgnoreCase) || text.Contains(Prefixes[1], StringComparison.OrdinalIgnoreCase));

    public static Uri? Redact(Uri? uri) =>
        uri is not null && MayHoldToken(uri.OriginalString) ? new Uri(Redact(uri.OriginalString), UriKind.RelativeOrAbsolute) : uri;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (text is null || !MayHoldToken(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        int[] next = [Unknown, Unknown];
        var position = 0;
        while (position < text.Length)
        {
            var (at, prefix) = NextPrefix(text, position, next);
            if (at < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            // Keep the prefix and the id; mask what follows the id's slash up to the end of the URL.
            var idStart = at + prefix.Length;
            var idEnd = End(text, idStart, SegmentEnd);
            result.Append(text, position, idEnd - position);
            if (idEnd < text.Length && text[idEnd] == '/' && idEnd > idStart)
            {
                result.Append('/').Append(Mask);
                position = End(text, idEnd, UrlEnd);
            }
            else
            {
                position = idEnd;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// The first prefix at or after <paramref name="from"/>. <paramref name="next"/> remembers each prefix's next place
    /// (-1: none left; <see cref="Unknown"/>: not searched yet) and is searched again only once passed, so the whole text is searched once per prefix.
    /// </summary>
    private static (int At, string Prefix) NextPrefix(string text, int from, int[] next)
    {
        var best = (At: -1, Prefix: string.Empty);
        for (var i = 0; i < Prefixes.Length; i++)
        {
            if (next[i] == Unknown || (next[i] >= 0 && next[i] < from))
            {
                next[i] = text.IndexOf(Prefixes[i], from, StringComparison.OrdinalIgnoreCase);
            }

            if (next[i] >= 0 && (best.At < 0 || next[i] < best.At))
            {
                best = (next[i], Prefixes[i]);
            }
        }

        return best;
    }

    private static int End(string text, int from, System.Buffers.SearchValues<char> stops)
    {
        var length = text.AsSpan(from).IndexOfAny(stops);
        return length < 0 ? text.Length : from + length;
    }
}
