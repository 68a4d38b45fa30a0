namespace Redeploy.Core.Hooks;

/// <summary>The request headers, case-insensitive, first value of each.</summary>
public sealed class HookHeaders
{
    private readonly Dictionary<string, string> values;

    public HookHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            values.TryAdd(name, value);
        }
    }

    public static HookHeaders Empty { get; } = new([]);

    public string? this[string name] => values.TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => values.ContainsKey(name);

    /// <summary>The media type of Content-Type without parameters, lower case; null when absent.</summary>
    public string? MediaType
    {
        get
        {
            var contentType = this["Content-Type"];
            if (string.IsNullOrWhiteSpace(contentType))
            {
                return null;
            }

            var semicolon = contentType.IndexOf(';');
            var media = semicolon < 0 ? contentType : contentType[..semicolon];
            return media.Trim().ToLowerInvariant();
        }
    }
}
