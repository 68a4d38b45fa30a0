using System.Text.Json;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The GitHub REST calls Redeploy makes, with exactly the bodies of CONTRACT §8. Every call is authorised for its
/// repository by <see cref="GitHubAuthenticator"/>. See docs/decisions.md on why this is not Octokit.
/// </summary>
public sealed class GitHubClient(GitHubConnection connection, GitHubAuthenticator authenticator)
{
    /// <summary>Hooks a repository may hold is bounded by GitHub (20 per event); one page of 100 sees them all.</summary>
    internal async Task<IReadOnlyList<GitHubHook>> ListHooksAsync(GitHubRepository repository, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(HttpMethod.Get, repository, "/hooks?per_page=100", null, cancellationToken);
        var hooks = new List<GitHubHook>();
        if (answer?.RootElement is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var hook in list.EnumerateArray())
            {
                hooks.Add(ReadHook(hook));
            }
        }

        return hooks;
    }

    public async Task<long> CreateHookAsync(
        GitHubRepository repository, string url, string secret, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(HttpMethod.Post, repository, "/hooks", w =>
        {
            w.WriteStartObject();
            w.WriteString("name", "web");
            WriteConfig(w, url, secret);
            WriteEvents(w, events);
            w.WriteBoolean("active", true);
            w.WriteEndObject();
        }, cancellationToken);
        return answer!.RootElement.GetProperty("id").GetInt64();
    }

    public async Task UpdateHookAsync(
        GitHubRepository repository, long hookId, string url, string secret, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Patch, repository, $"/hooks/{hookId}", w =>
        {
            w.WriteStartObject();
            WriteConfig(w, url, secret);
            WriteEvents(w, events);
            w.WriteBoolean("active", true);
            w.WriteEndObject();
        }, cancellationToken);
    }

    internal async Task<long> CreateDeploymentAsync(GitHubRepository repository, GitHubDeploymentRequest deployment, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(HttpMethod.Post, repository, "/deployments", w =>
        {
            w.WriteStartObject();
            w.WriteString("ref", deployment.Ref);
            w.WriteString("task", "deploy");
            w.WriteBoolean("auto_merge", false);
            w.WriteStartArray("required_contexts");
            w.WriteEndArray();
            w.WriteString("environment", deployment.Environment);
            w.WriteString("description", deployment.Description);
            w.WriteStartObject("payload");
            w.WriteStartObject("redeploy");
            w.WriteString("requestId", deployment.RequestId);
            w.WriteString("jobId", deployment.JobId);
            w.WriteString("stack", deployment.Stack);
            w.WriteStartArray("services");
            foreach (var service in deployment.Services)
            {
                w.WriteStringValue(service);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken);
        return answer?.RootElement.TryGetProperty("id", out var id) == true && id.ValueKind == JsonValueKind.Number
            ? id.GetInt64()
            : throw new GitHubApiException(202, $"POST /repos/{repository}/deployments", "no deployment was created");
    }

    /// <summary>
    /// The deployment Redeploy created for <paramref name="requestId"/> at this ref and environment, if GitHub has one:
    /// how an attempt that died between creating it and recording it finds it again instead of creating a second.
    /// </summary>
    public async Task<long?> FindDeploymentAsync(
        GitHubRepository repository, string @ref, string environment, string requestId, CancellationToken cancellationToken)
    {
        var query = $"/deployments?ref={Uri.EscapeDataString(@ref)}&environment={Uri.EscapeDataString(environment)}&per_page=30";
        using var answer = await SendAsync(HttpMethod.Get, repository, query, null, cancellationToken);
        if (answer?.RootElement is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        foreach (var deployment in list.EnumerateArray())
        {
            if (deployment.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("redeploy", out var redeploy) && redeploy.ValueKind == JsonValueKind.Object
                && redeploy.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == requestId)
            {
                return deployment.GetProperty("id").GetInt64();
            }
        }

        return null;
    }

    internal async Task CreateDeploymentStatusAsync(
        GitHubRepository repository, long deploymentId, GitHubDeploymentStatus status, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Post, repository, $"/deployments/{deploymentId}/statuses", w =>
        {
            w.WriteStartObject();
            w.WriteString("state", status.State);
            if (status.Description is { } description)
            {
                w.WriteString("description", description);
            }

            if (status.EnvironmentUrl is { } environmentUrl)
            {
                w.WriteString("environment_url", environmentUrl);
            }

            if (status.LogUrl is { } logUrl)
            {
                w.WriteString("log_url", logUrl);
            }

            w.WriteEndObject();
        }, cancellationToken);
    }

    /// <summary>
    /// <c>POST /repos/{o}/{r}/actions/workflows/{workflow}/dispatches</c> with <c>{"ref", "inputs"}</c> (CONTRACT §8);
    /// GitHub answers 204 and starts the run on its own time.
    /// </summary>
    public async Task DispatchWorkflowAsync(
        GitHubRepository repository, string workflow, string @ref, IReadOnlyList<KeyValuePair<string, string>> inputs, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Post, repository, $"/actions/workflows/{GitHubConnection.Escape(workflow)}/dispatches", w =>
        {
            w.WriteStartObject();
            w.WriteString("ref", @ref);
            w.WriteStartObject("inputs");
            foreach (var (name, value) in inputs)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken);
    }

    private async Task<JsonDocument?> SendAsync(
        HttpMethod method, GitHubRepository repository, string rest, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken)
    {
        var authorization = await authenticator.AuthorizationAsync(repository, cancellationToken);
        var path = $"/repos/{GitHubConnection.Escape(repository.Owner)}/{GitHubConnection.Escape(repository.Name)}{rest}";
        return await connection.SendAsync(method, path, authorization, body, cancellationToken);
    }

    private static void WriteConfig(Utf8JsonWriter w, string url, string secret)
    {
        w.WriteStartObject("config");
        w.WriteString("url", url);
        w.WriteString("content_type", "json");
        w.WriteString("secret", secret);
        w.WriteString("insecure_ssl", "0");
        w.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter w, IReadOnlyList<string> events)
    {
        w.WriteStartArray("events");
        foreach (var name in events)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }

    private static GitHubHook ReadHook(JsonElement hook)
    {
        var config = hook.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var events = hook.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return new GitHubHook(
            hook.GetProperty("id").GetInt64(),
            String(config, "url"),
            events,
            hook.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.True,
            String(config, "content_type"));
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
