using System.Buffers;
using System.Text.Json;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>The answers of CONTRACT §3, written as JSON. Errors are RFC 9457 problem details; none holds a token or secret.</summary>
internal static class Answers
{
    public static IntakeAnswer Accepted(string requestId, string statusUrl) => Write(
        202,
        IntakeAnswer.Json,
        w =>
        {
            w.WriteString("requestId", requestId);
            w.WriteString("status", "queued");
            w.WriteString("statusUrl", statusUrl);
        },
        new Dictionary<string, string> { ["Location"] = statusUrl });

    public static IntakeAnswer Ignored(string reason) => Write(200, IntakeAnswer.Json, w =>
    {
        w.WriteString("status", "ignored");
        w.WriteString("reason", reason);
    });

    public static IntakeAnswer Duplicate(string firstRequestId) => Write(200, IntakeAnswer.Json, w =>
    {
        w.WriteString("status", "duplicate");
        w.WriteString("requestId", firstRequestId);
    });

    public static IntakeAnswer Status(RequestRecord record, GitHub.GitHubDeployments? github = null) =>
        Write(200, IntakeAnswer.Json, w => WriteStatus(w, record, github));

    /// <summary>A stack's requests as the delivery log lists them (CONTRACT §11): each one's status object, newest first.</summary>
    public static IntakeAnswer Requests(
        string stackName, IReadOnlyList<RequestRecord> records, IReadOnlyDictionary<string, GitHub.GitHubDeployments>? github = null) => Write(200, IntakeAnswer.Json, w =>
    {
        w.WriteString("stack", stackName);
        w.WriteStartArray("requests");
        foreach (var record in records)
        {
            w.WriteStartObject();
            WriteStatus(w, record, github?.GetValueOrDefault(record.RequestId));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>The properties of a request's status object (CONTRACT §3), shared by the status URL and the request list.</summary>
    private static void WriteStatus(Utf8JsonWriter w, RequestRecord record, GitHub.GitHubDeployments? github)
    {
        w.WriteString("requestId", record.RequestId);
        w.WriteString("stack", record.StackName);
        w.WriteString("status", record.Status.ToWord());
        w.WriteString("receivedAt", record.ReceivedAt);
        w.WriteString("sender", record.Sender);
        if (record.Reason is null)
        {
            w.WriteNull("reason");
        }
        else
        {
            w.WriteString("reason", record.Reason);
        }

        w.WriteStartArray("services");
        foreach (var service in record.Services ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", service.Name);
            if (service.Commit is not null)
            {
                w.WriteString("commit", service.Commit);
            }

            if (service.Branch is not null)
            {
                w.WriteString("branch", service.Branch);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        DeploymentFields.Write(w, record);
        GitHub.GitHubStatusField.Write(w, github);
    }

    /// <summary>Unknown stack and wrong token: one answer for both, so nobody learns which stacks exist.</summary>
    public static IntakeAnswer NotFound() =>
        Problem(404, "not-found", "Not Found", "No hook at this address.");

    public static IntakeAnswer RequestNotFound() =>
        Problem(404, "not-found", "Not Found", "No request with this id for this hook.");

    public static IntakeAnswer Unauthorized(string detail) =>
        Problem(401, "signature", "Signature required", detail);

    public static IntakeAnswer Unavailable() => Problem(
        503,
        "storage-unavailable",
        "Service Unavailable",
        "Storage is unreachable; the delivery was not accepted. Send it again later.",
        headers: new Dictionary<string, string> { ["Retry-After"] = "30" });

    /// <summary>A read (delivery log, request list) that storage could not answer.</summary>
    public static IntakeAnswer ReadUnavailable() => Problem(
        503,
        "storage-unavailable",
        "Service Unavailable",
        "Storage is unreachable; try again later.",
        headers: new Dictionary<string, string> { ["Retry-After"] = "30" });

    /// <summary>A GET of the hook URL that does not ask for HTML: the hook itself takes POST only.</summary>
    public static IntakeAnswer MethodNotAllowed() => Problem(
        405,
        "method-not-allowed",
        "Method Not Allowed",
        "Send deliveries to this URL with POST. Open it in a browser for its delivery log, or GET it with /requests added for the same list as JSON.",
        headers: new Dictionary<string, string> { ["Allow"] = "POST" });

    public static IntakeAnswer BadRequest(string detail) => Problem(400, "bad-request", "Bad Request", detail);

    /// <summary>The stack's webhook secret lives in Key Vault and cannot be read now: nothing was accepted.</summary>
    public static IntakeAnswer SecretUnavailable() => Problem(
        503,
        "secret-unavailable",
        "Service Unavailable",
        "The stack's webhook secret cannot be read now; the delivery was not accepted. Send it again later.",
        headers: new Dictionary<string, string> { ["Retry-After"] = "30" });
    // Bodies in memory are read in seconds: room is soon made again.
    private const string BusyRetryAfterSeconds = "5";

    public static IntakeAnswer From(Failure failure) => failure.Kind switch
    {
        FailureKind.Malformed => Problem(400, "malformed", "Malformed delivery", failure.Detail),
        FailureKind.UnsupportedMediaType => Problem(415, "unsupported-media-type", "Unsupported Media Type", failure.Detail),
        FailureKind.TooLarge => Problem(413, "too-large", "Payload Too Large", failure.Detail),
        FailureKind.UnknownServices => Problem(422, "unknown-services", "Unknown services", failure.Detail, failure.Items),
        FailureKind.BodyTimeout => Problem(408, "body-timeout", "Request Timeout", failure.Detail),
        FailureKind.Busy => Problem(
            503, "busy", "Service Unavailable", failure.Detail, headers: new Dictionary<string, string> { ["Retry-After"] = BusyRetryAfterSeconds }),
        _ => BadRequest(failure.Detail),
    };

    private static IntakeAnswer Problem(int status, string type, string title, string detail, IReadOnlyList<string>? names = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Write(
            status,
            IntakeAnswer.ProblemJson,
            w =>
            {
                w.WriteString("type", $"urn:redeploy:problem:{type}");
                w.WriteString("title", title);
                w.WriteNumber("status", status);
                w.WriteString("detail", detail);
                if (names is not null)
                {
                    w.WriteStartArray("names");
                    foreach (var name in names)
                    {
                        w.WriteStringValue(name);
                    }

                    w.WriteEndArray();
                }
            },
            headers);

    private static IntakeAnswer Write(int status, string contentType, Action<Utf8JsonWriter> writeProperties, IReadOnlyDictionary<string, string>? headers = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return new IntakeAnswer(status, buffer.WrittenMemory, contentType, headers ?? IntakeAnswer.NoHeaders);
    }
}
