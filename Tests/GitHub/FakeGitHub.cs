using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Redeploy.Tests.GitHub;

/// <summary>A GitHub API over real HTTP on a free local port (WireMock.Net): answers set per test, every call recorded.</summary>
public sealed class FakeGitHub : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public string ApiUrl => Server.Url!;

    /// <summary>Answers <paramref name="method"/> on <paramref name="path"/> (query ignored); a later answer for the same call replaces it.</summary>
    public FakeGitHub On(string method, string path, int status, string? json = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status);
        if (json is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(json);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(Priority--).RespondWith(response);
        return this;
    }

    private int Priority { get; set; } = 1000;

    /// <summary>The calls received, oldest first: method, path with query, body, and headers (lower-case names).</summary>
    public IReadOnlyList<GitHubCall> Calls =>
        Server.LogEntries
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => new GitHubCall(
                e.RequestMessage.Method,
                e.RequestMessage.Path + (e.RequestMessage.RawQuery is { Length: > 0 } q ? "?" + q.TrimStart('?') : string.Empty),
                e.RequestMessage.Body,
                (e.RequestMessage.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
                    .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal),
                Convert.ToInt32(e.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public IReadOnlyList<GitHubCall> CallsTo(string method, string path) =>
        Calls.Where(c => c.Method == method && (c.Path == path || c.Path.StartsWith(path + "?", StringComparison.Ordinal))).ToList();

    public void Dispose() => Server.Stop();
}

public sealed record GitHubCall(string Method, string Path, string? Body, IReadOnlyDictionary<string, string> Headers, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;

    /// <summary>The body as compact JSON, for comparing with what the contract says byte for byte (order included).</summary>
    public string CompactBody => JsonSerializer.Serialize(Json);
}
