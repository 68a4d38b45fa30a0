using System.Buffers;
using System.Text.Json;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>The answers of CONTRACT §3, written as JSON. Errors are RFC 9457 problem details; none holds a token or secret.</summary>
public static class Answers
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

    public static IntakeAnswer Status(RequestRecord record) => Write(200, IntakeAnswer.Json, w =>
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
    });

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
        _ => Problem(400, "bad-request", "Bad Request", failure.Detail),
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
