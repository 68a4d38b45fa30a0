using System.Globalization;
using System.Text;

namespace Redeploy.Core;

/// <summary>
/// Text from a request (event names, content types, service names, parse errors) made fit for a log line: control
/// characters escaped, so that no caller can forge a line, and cut to <see cref="MaxLength"/> characters.
/// </summary>
internal static class LogText
{
    public const int MaxLength = 200;

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > MaxLength;
        var value = cut ? text.AsSpan(0, MaxLength) : text.AsSpan();
        if (!cut && !value.ContainsAnyInRange('\u0000', '\u001f') && !value.ContainsAnyInRange('\u007f', '\u009f')
            && !value.Contains('\u2028') && !value.Contains('\u2029'))
        {
            return text;
        }

        var safe = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\n' => safe.Append("\\n"),
                '\r' => safe.Append("\\r"),
                '\t' => safe.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => safe.Append(c),
            };
        }

        return cut ? safe.Append("...").ToString() : safe.ToString();
    }
}
