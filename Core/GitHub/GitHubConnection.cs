using System.Net.Http.Headers;
using System.Text.Json;

namespace Redeploy.Core.GitHub;

/// <summary>
/// One REST call to the configured GitHub API: the headers GitHub asks for, a JSON body written exactly as given, the
/// answer parsed, and anything but 2xx turned into a <see cref="GitHubApiException"/>. Authorisation comes from the caller.
/// </summary>
public sealed class GitHubConnection(HttpClient http, GitHubOptions options, TimeProvider time)
{
    public const string ApiVersion = "2022-11-28";

    /// <summary>The longest one call may take; a slower GitHub counts as unreachable and the host retries.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private const int MaxDetailLength = 200;

    /// <summary>The answer's JSON (null for an empty body). <paramref name="call"/> names the call in errors: "POST /repos/acme/shop/hooks".</summary>
    public async Task<JsonDocument?> SendAsync(
        HttpMethod method, string path, string authorization, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, options.ApiBase + path);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd("Redeploy");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (body is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                body(writer);
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        var call = $"{method} {PathOnly(path)}";
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var wait = GitHubRateLimit.WaitFor(response.StatusCode, response.Headers, time.GetUtcNow());
            throw new GitHubApiException((int)response.StatusCode, call, Detail(bytes), wait);
        }

        return bytes.Length == 0 ? null : JsonDocument.Parse(bytes);
    }

    /// <summary>GitHub's <c>message</c>, cut short: enough to say why, never a body of unknown size.</summary>
    private static string Detail(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                var text = message.GetString() ?? string.Empty;
                return text.Length <= MaxDetailLength ? text : text[..(MaxDetailLength - 1)] + "…";
            }
        }
        catch (JsonException)
        {
        }

        return string.Empty;
    }

    private static string PathOnly(string path) => path.IndexOf('?') is var q and >= 0 ? path[..q] : path;

    /// <summary>An HttpClient for GitHub: pooled connections renewed every few minutes (DNS changes), <see cref="CallTimeout"/> per call.</summary>
    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = CallTimeout };

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);
}
