using System.Text;
using System.Text.Json;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// Reads a report body <c>{"state", "description"?, "logUrl"?, "environmentUrl"?}</c> (plus <c>jobId</c> on the
/// deployment-events queue) in one forward pass. Unknown fields are ignored, so deployers may send more.
/// </summary>
public static class ReportReader
{
    /// <summary>Longer descriptions are cut to 139 characters and an ellipsis.</summary>
    public const int MaxDescription = 140;

    /// <summary>Longest logUrl or environmentUrl kept; a longer one is refused rather than stored cut.</summary>
    public const int MaxUrl = 2048;

    public static Outcome<(string? JobId, DeploymentReport Report)> Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return Failure.Malformed("the body is empty: it must be a JSON object {\"state\": ...}");
        }

        string? state = null, description = null, logUrl = null, environmentUrl = null, jobId = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Failure.Malformed("the body must be a JSON object: {\"state\": \"started\"|\"succeeded\"|\"failed\"|\"cancelled\", ...}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "state": state = Text(ref reader, name); break;
                    case "description": description = Text(ref reader, name); break;
                    case "logUrl": logUrl = Text(ref reader, name); break;
                    case "environmentUrl": environmentUrl = Text(ref reader, name); break;
                    case "jobId": jobId = Text(ref reader, name); break;
                    default: reader.Skip(); break;
                }
            }

            // Trailing data after the object is refused as Utf8JsonReader refuses it.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            return Failure.Malformed($"the body is not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            return Failure.Malformed(e.Message);
        }

        if (state is null || !DeploymentReport.States.Contains(state))
        {
            return Failure.Malformed($"state must be one of {string.Join(", ", DeploymentReport.States)}{(state is null ? "" : $", not '{Shorten(state)}'")}");
        }

        if ((Url(logUrl, "logUrl") ?? Url(environmentUrl, "environmentUrl")) is { } urlFailure)
        {
            return urlFailure;
        }

        return Outcome<(string?, DeploymentReport)>.Success((jobId, new DeploymentReport(state, Cut(description), logUrl, environmentUrl)));
    }

    private static string? Text(ref Utf8JsonReader reader, string? name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new FormatException($"{name} must be a string"),
    };

    private static Failure? Url(string? url, string name) =>
        url is null ? null
        : url.Length > MaxUrl ? Failure.Malformed($"{name} is longer than {MaxUrl} characters")
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? null
        : Failure.Malformed($"{name} must be an absolute http or https URL");

    private static string? Cut(string? description)
    {
        if (description is null || description.Length <= MaxDescription)
        {
            return description;
        }

        var end = MaxDescription - 1;
        if (char.IsHighSurrogate(description[end - 1]))
        {
            end--;
        }

        return string.Concat(description.AsSpan(0, end), "…");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
