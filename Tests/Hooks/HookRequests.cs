using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Tests.Hooks;

/// <summary>Builds <see cref="HookRequest"/>s for tests and loads the project's own fixtures.</summary>
internal static class HookRequests
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>A request with the body and headers given as "Name: value" strings; contentType null sends none.</summary>
    public static HookRequest Create(string body, string? contentType = Json, params string[] headers) =>
        Create(Encoding.UTF8.GetBytes(body), contentType, headers);

    public static HookRequest Create(byte[] body, string? contentType = Json, params string[] headers) =>
        Create(body, contentType, HookRequest.NoQuery, headers);

    public static HookRequest Create(
        byte[] body, string? contentType, IReadOnlyDictionary<string, IReadOnlyList<string>> query, params string[] headers)
    {
        var pairs = headers.Select(Split).ToList();
        if (contentType is not null)
        {
            pairs.Add(new("Content-Type", contentType));
        }

        return new HookRequest(new HookHeaders(pairs), query, body);
    }

    /// <summary>Query parameters, e.g. Query(("branch", "main")).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Query(params (string Name, string Value)[] parameters) =>
        parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList(), StringComparer.OrdinalIgnoreCase);

    /// <summary>A fixture from Tests/Fixtures/&lt;folder&gt;/.</summary>
    public static byte[] Fixture(string folder, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name));

    /// <summary>Wraps JSON as a form body <c>payload=...</c>, percent-encoded as GitHub and Bitbucket send it.</summary>
    public static byte[] AsForm(byte[] json) =>
        Encoding.ASCII.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(json)).Replace("%20", "+"));

    private static KeyValuePair<string, string> Split(string header)
    {
        var colon = header.IndexOf(':');
        return new(header[..colon].Trim(), header[(colon + 1)..].Trim());
    }
}
