namespace Redeploy.Core.Pages;

/// <summary>Reads an <c>Accept</c> header the way CONTRACT §11 asks: only a media range naming <c>text/html</c> counts.</summary>
internal static class AcceptHeader
{
    /// <summary>
    /// True when <paramref name="accept"/> lists <c>text/html</c> with a quality above zero. <c>*/*</c> and <c>text/*</c>
    /// alone do not count: a script that accepts anything keeps the hook's own answer.
    /// </summary>
    public static bool NamesHtml(string? accept)
    {
        foreach (var range in (accept ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            if (parameters[0].Equals("text/html", StringComparison.OrdinalIgnoreCase) && !QualityIsZero(parameters))
            {
                return true;
            }
        }

        return false;
    }

    private static bool QualityIsZero(string[] parameters) =>
        parameters.Skip(1).Any(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && decimal.TryParse(p.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q)
            && q == 0);
}
