using System.Text.Unicode;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Core.Security;

namespace Redeploy.Fuzz;

/// <summary>
/// The fuzz targets, shared by the afl++ harness (Program) and the corpus replay in Tests: <see cref="DeliveryReader.Read"/>
/// for every sender, then the signature check the intake runs, and <c>JsonSyntax</c> checked against System.Text.Json.
/// Each returns normally for a success or a clean failure, and throws for anything else: an exception escaping the code
/// under test, or a <see cref="FuzzFinding"/> for a broken promise.
/// </summary>
public static class FuzzTargets
{
    private const string Secret = "fuzz-secret";

    /// <summary>Runs every target over one input; returns what the delivery read gave, for the replay's tally.</summary>
    public static Outcome<Delivery> Run(byte[] input)
    {
        var request = FuzzInput.Request(input);
        var read = DeliveryReader.Read(request);
        if (read.Succeeded)
        {
            Walk(read.Value);
            SignatureVerifier.Verify(read.Value.Sender, request, Secret, TimeProvider.System);
        }
        else if (read.Failure.Kind is not (FailureKind.Malformed or FailureKind.UnsupportedMediaType)
                 || string.IsNullOrWhiteSpace(read.Failure.Detail))
        {
            throw new FuzzFinding($"unexpected failure {read.Failure.Kind}: '{read.Failure.Detail}'");
        }

        CheckJsonSyntax(FuzzInput.ProfileOf(input), request.Body.Span, read);
        return read;
    }

    /// <summary>
    /// DeliveryReader checks a JSON payload with JsonSyntax first and words a refusal "malformed JSON…" (or "the body must be
    /// a JSON object"). That refusal must happen exactly when System.Text.Json's reader refuses the payload: a refusal of a
    /// well-formed payload loses a real delivery, an acceptance of a malformed one means the one-pass check is not one.
    /// </summary>
    private static void CheckJsonSyntax(FuzzProfile profile, ReadOnlySpan<byte> body, Outcome<Delivery> read)
    {
        var json = JsonReference.Trim(body);
        if (!profile.SendsJson || json.IsEmpty || !Utf8.IsValid(json))
        {
            return;
        }

        var wellFormed = JsonReference.IsWellFormedObject(json);
        var refusedAsJson = !read.Succeeded && read.Failure.Kind == FailureKind.Malformed
            && (read.Failure.Detail.StartsWith("malformed JSON", StringComparison.Ordinal)
                || read.Failure.Detail.Contains("must be a JSON object", StringComparison.Ordinal));
        if (wellFormed && refusedAsJson)
        {
            throw new FuzzFinding($"a well-formed JSON object refused as malformed: '{read.Failure!.Detail}'");
        }

        if (!wellFormed && !refusedAsJson)
        {
            throw new FuzzFinding(read.Succeeded
                ? "malformed JSON accepted as a delivery"
                : $"malformed JSON refused for another reason: '{read.Failure.Detail}'");
        }
    }

    /// <summary>Touches every part of a delivery, so that anything computed late is computed here.</summary>
    private static void Walk(Delivery delivery)
    {
        if (delivery.Kind is DeliveryKind.Ping or DeliveryKind.Ignored && delivery.Pushes.Count != 0)
        {
            throw new FuzzFinding($"a {delivery.Kind} delivery with {delivery.Pushes.Count} pushes");
        }

        if (delivery.Kind == DeliveryKind.CiResult
            && (delivery.Ci is null || delivery.Ci.Name.Length == 0 || delivery.Pushes.Count == 0 || delivery.Pushes.Any(p => p.Commit is null)))
        {
            throw new FuzzFinding("a CI result without its check, a push or the commit");
        }

        var length = (delivery.DeliveryId?.Length ?? 0) + (delivery.Event?.Length ?? 0) + (delivery.IgnoredReason?.Length ?? 0);
        foreach (var push in delivery.Pushes)
        {
            if (push is null || push.RepositoryUrls is null)
            {
                throw new FuzzFinding("a null push or repository list");
            }

            length += (push.Branch?.Length ?? 0) + (push.Tag?.Length ?? 0) + (push.Commit?.Length ?? 0);
            foreach (var url in push.RepositoryUrls)
            {
                length += url?.Length ?? throw new FuzzFinding("a null repository URL");
            }

            _ = push.IsEmpty;
        }

        GC.KeepAlive(length);
    }
}
