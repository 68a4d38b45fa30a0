using Redeploy.Core.Hooks;

namespace Redeploy.Fuzz;

/// <summary>A sender profile: a name for reports, the content type, and "Name: value" headers.</summary>
public sealed class FuzzProfile
{
    public FuzzProfile(string name, string? contentType, params string[] headers)
    {
        Name = name;
        SendsJson = contentType is null or "application/json";
        var pairs = headers.Select(h => h.Split(": ", 2)).Select(p => KeyValuePair.Create(p[0], p[1])).ToList();
        if (contentType is not null)
        {
            pairs.Add(KeyValuePair.Create("Content-Type", contentType));
        }

        Headers = new HookHeaders(pairs);
    }

    public string Name { get; }

    public HookHeaders Headers { get; }

    /// <summary>Whether the body is read as JSON as it is (not as a form around a payload field).</summary>
    public bool SendsJson { get; }

    public override string ToString() => Name;
}
