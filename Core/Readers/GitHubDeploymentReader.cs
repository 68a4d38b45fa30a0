using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// A GitHub <c>deployment</c> delivery (CONTRACT §8). Action <c>created</c> is a deploy request: the event's repository,
/// <c>deployment.ref</c> as branch unless it is a full commit SHA, <c>deployment.sha</c> as commit, and the deployment's
/// id and environment; a <c>redeploy</c> key in its payload marks one Redeploy created. Other actions are ignored.
/// </summary>
internal static class GitHubDeploymentReader
{
    /// <summary>GitHub's own limit on an environment name.</summary>
    public const int MaxEnvironmentLength = 255;

    public static Delivery Read(string? deliveryId, string @event, RootObject root)
    {
        root.ExpectObject();
        string? action = null;
        IReadOnlyList<string> urls = Push.NoRepository;
        Deployment? deployment = null;
        foreach (var property in root)
        {
            if (root.NameIs(property, "action"u8))
            {
                var reader = root.ValueReader(property);
                action = JsonRead.String(ref reader, "action");
            }
            else if (root.NameIs(property, "repository"u8))
            {
                var reader = root.ValueReader(property);
                urls = GitHubLikePayload.Repository(ref reader);
            }
            else if (root.NameIs(property, "deployment"u8))
            {
                var reader = root.ValueReader(property);
                deployment = ReadDeployment(ref reader);
            }
        }

        if (action != "created")
        {
            return Delivery.Ignored(Sender.GitHub, deliveryId, @event, $"deployment action '{Shorten(action)}' is not created");
        }

        var found = deployment ?? throw new PayloadFormatException("field 'deployment': missing");
        var id = found.Id ?? throw new PayloadFormatException("field 'deployment.id': missing");
        var environment = found.Environment ?? throw new PayloadFormatException("field 'deployment.environment': missing");
        var commit = GitValues.Commit(found.Sha, "deployment.sha");
        string? branch = null;
        if (found.Ref is { Length: > 0 } @ref)
        {
            if (IsFullSha(@ref))
            {
                commit ??= @ref.ToLowerInvariant();
            }
            else
            {
                // A ref may be refs/heads/x as well as x; a tag (refs/tags/x) names no branch.
                branch = GitValues.Ref(@ref, "deployment.ref").Branch;
            }
        }

        return Delivery.DeploymentRequested(
            Sender.GitHub,
            deliveryId,
            @event,
            new GitHubDeploymentEvent(id, environment, found.CreatedByRedeploy),
            new Push(urls, branch, null, commit));
    }

    // SHA-1 names have 40 hex characters, SHA-256 ones 64: anything shorter may be a branch named like hex.
    private static bool IsFullSha(string value) => value.Length is 40 or 64 && value.All(char.IsAsciiHexDigit);

    private static Deployment? ReadDeployment(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartObject(ref reader, "deployment"))
        {
            return null;
        }

        var deployment = new Deployment();
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                deployment.Id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id) && id > 0
                    ? id
                    : throw new PayloadFormatException("field 'deployment.id': expected a positive whole number");
            }
            else if (reader.ValueTextEquals("sha"u8))
            {
                deployment.Sha = JsonRead.String(ref reader, "deployment.sha");
            }
            else if (reader.ValueTextEquals("ref"u8))
            {
                deployment.Ref = JsonRead.String(ref reader, "deployment.ref");
            }
            else if (reader.ValueTextEquals("environment"u8))
            {
                deployment.Environment = Environment(JsonRead.String(ref reader, "deployment.environment"));
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                deployment.CreatedByRedeploy = HasRedeployKey(ref reader);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return deployment;
    }

    /// <summary>
    /// True when the payload is an object with a <c>redeploy</c> key. GitHub also accepts a payload sent as a JSON string;
    /// Redeploy never sends one, so such a payload is not Redeploy's.
    /// </summary>
    private static bool HasRedeployKey(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var found = false;
        while (JsonRead.NextProperty(ref reader))
        {
            found |= reader.ValueTextEquals("redeploy"u8);
            JsonRead.SkipValue(ref reader);
        }

        return found;
    }

    private static string? Environment(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxEnvironmentLength || value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.Contains('\u007f'))
        {
            throw new PayloadFormatException(
                $"field 'deployment.environment': expected a name of 1 to {MaxEnvironmentLength} characters without control characters");
        }

        return value;
    }

    private static string Shorten(string? value) => value is null ? "none" : value.Length <= 40 ? value : value[..40] + "…";

    private sealed class Deployment
    {
        public long? Id { get; set; }

        public string? Sha { get; set; }

        public string? Ref { get; set; }

        public string? Environment { get; set; }

        public bool CreatedByRedeploy { get; set; }
    }
}
