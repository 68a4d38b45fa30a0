namespace Redeploy.Core.Hooks;

/// <summary>A delivery as the HTTP edge received it: headers, query parameters and the raw body bytes.</summary>
public sealed record HookRequest(HookHeaders Headers, IReadOnlyDictionary<string, IReadOnlyList<string>> Query, ReadOnlyMemory<byte> Body)
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoQuery =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The last value of a query parameter, or null.</summary>
    public string? QueryValue(string name) =>
        Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
}
