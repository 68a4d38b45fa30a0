using System.Buffers;
using System.Text.Json;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>The callback URL's answers (CONTRACT §7): 202 with the request's status, 200 duplicate, 404, 409; errors problem+json.</summary>
internal static class DeploymentAnswers
{
    public static IntakeAnswer From(ReportResult result) => result.Transition switch
    {
        null => NotFound(),
        { Kind: TransitionKind.Applied } t => Json(202, result.RequestId, t.Status.ToWord()),
        { Kind: TransitionKind.Duplicate } => Json(200, result.RequestId, "duplicate"),
        { } t => Problem(409, "conflict", "Conflict", $"the deployment is {t.Status.ToWord()}: this report cannot change it"),
    };

    /// <summary>Unknown job and wrong job token: one answer for both.</summary>
    public static IntakeAnswer NotFound() => Problem(404, "not-found", "Not Found", "No deployment at this address.");

    private static IntakeAnswer Json(int status, string requestId, string word) => Write(status, IntakeAnswer.Json, w =>
    {
        w.WriteString("requestId", requestId);
        w.WriteString("status", word);
    });

    private static IntakeAnswer Problem(int status, string type, string title, string detail) => Write(status, IntakeAnswer.ProblemJson, w =>
    {
        w.WriteString("type", $"urn:redeploy:problem:{type}");
        w.WriteString("title", title);
        w.WriteNumber("status", status);
        w.WriteString("detail", detail);
    });

    private static IntakeAnswer Write(int status, string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return new IntakeAnswer(status, buffer.WrittenMemory, contentType, IntakeAnswer.NoHeaders);
    }
}
