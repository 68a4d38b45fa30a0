using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Core.Readers;

/// <summary>The one entry for reading a delivery: detects the sender, unwraps form bodies, and runs that sender's reader.</summary>
public static class DeliveryReader
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>
    /// Root properties recorded, on the stack: a GitHub push has 13 or so. A payload with more is walked again when read
    /// (<see cref="RootObject"/>), so that no payload can make the intake hold memory in proportion to it.
    /// </summary>
    private const int RecordedProperties = 64;

    private static readonly IDeliveryReader GitHub = new GitHubReader();
    private static readonly IDeliveryReader Gitea = new GiteaReader(Sender.Gitea);
    private static readonly IDeliveryReader Forgejo = new GiteaReader(Sender.Forgejo);
    private static readonly IDeliveryReader Gogs = new GiteaReader(Sender.Gogs);
    private static readonly IDeliveryReader BitbucketCloud = new BitbucketCloudReader();
    private static readonly IDeliveryReader BitbucketServer = new BitbucketServerReader();
    private static readonly IDeliveryReader BitbucketPost = new BitbucketPostReader();
    private static readonly IDeliveryReader GitLab = new GitLabReader();
    private static readonly IDeliveryReader AzureDevOps = new AzureDevOpsReader();
    private static readonly IDeliveryReader Generic = new GenericReader();

    /// <summary>
    /// Reads <paramref name="request"/> into a <see cref="Delivery"/>, or a failure: <see cref="FailureKind.UnsupportedMediaType"/>
    /// for a body that is neither JSON nor a form, <see cref="FailureKind.Malformed"/> for one that cannot be read. Never throws
    /// for any input.
    /// </summary>
    public static Outcome<Delivery> Read(HookRequest request) => Read(request, Memory<byte>.Empty, ArrayPool<byte>.Shared);

    /// <summary>
    /// As <see cref="Read(HookRequest)"/>. <paramref name="ownBody"/> is the body's own memory (the bytes of
    /// <see cref="HookRequest.Body"/>), given up by a caller that needs the raw bytes no more: a form body's payload is
    /// decoded there, in place, so the body is held once. Without it the payload is decoded into memory rented from
    /// <paramref name="pool"/> and returned before this returns, on every path. Nothing in the result refers to either.
    /// </summary>
    internal static Outcome<Delivery> Read(HookRequest request, Memory<byte> ownBody, ArrayPool<byte> pool)
    {
        byte[]? rented = null;
        try
        {
            var unwrapped = Unwrap(request, ownBody, pool, ref rented);
            if (!unwrapped.Succeeded)
            {
                return unwrapped.Failure;
            }

            var json = unwrapped.Value.Span;
            var read = json.IsEmpty ? ReadIndexed(request, default) : ReadJson(request, json);
            return read.Succeeded ? Checked(read.Value) : read;
        }
        catch (JsonException exception)
        {
            return Failure.Malformed(Describe(exception));
        }
        catch (PayloadFormatException exception)
        {
            return Failure.Malformed(exception.Message);
        }
        finally
        {
            if (rented is not null)
            {
                pool.Return(rented);
            }
        }
    }

    /// <summary>
    /// The checks every sender's delivery passes: a delivery id short enough to store, and from a Git host, a push that names
    /// its refs. Only the generic sender may carry "no Git information" (which redeploys every service): the event header is
    /// not signed, and any captured body sent as a push must not become that.
    /// </summary>
    private static Outcome<Delivery> Checked(Delivery delivery)
    {
        if (delivery.DeliveryId is { Length: > PayloadLimits.MaxDeliveryIdLength })
        {
            return Failure.Malformed($"delivery id longer than {PayloadLimits.MaxDeliveryIdLength} characters");
        }

        if (delivery is { Kind: DeliveryKind.Push, Sender: not Sender.Generic }
            && (delivery.Pushes.Count == 0 || delivery.Pushes.Any(p => p.Branch is null && p.Tag is null)))
        {
            return Failure.Malformed("push without a ref: a Git host's push must name the branch or tag it changed");
        }

        return Outcome<Delivery>.Success(delivery);
    }

    private static Outcome<Delivery> ReadJson(HookRequest request, ReadOnlySpan<byte> json)
    {
        Span<RootProperty> recorded = stackalloc RootProperty[RecordedProperties];
        var count = Index(json, recorded);
        return ReadIndexed(request, new RootObject(json, recorded, count));
    }

    private static Outcome<Delivery> ReadIndexed(HookRequest request, RootObject root) =>
        ReaderFor(SenderDetector.Detect(request, root)).Read(request, root);

    /// <summary>
    /// Checks the payload in one pass (<see cref="JsonSyntax"/>) and records its root properties into
    /// <paramref name="properties"/> as far as there is room; returns how many there are. A malformed payload throws,
    /// worded by the tokenising reader: bad syntax, nesting past the limit and data after the object are reported the
    /// same way for every sender, ignored events included.
    /// </summary>
    internal static int Index(ReadOnlySpan<byte> json, Span<RootProperty> properties)
    {
        var count = JsonSyntax.IndexObject(json, properties);
        if (count >= 0)
        {
            return count;
        }

        CheckWellFormed(json);

        // Tested side by side with the reader, JsonSyntax refuses nothing the reader takes; should it ever, still refused.
        throw new PayloadFormatException("malformed JSON");
    }

    /// <summary>The JSON payload of the body: the body itself, the <c>payload</c> field of a form, or empty.</summary>
    private static Outcome<ReadOnlyMemory<byte>> Unwrap(HookRequest request, Memory<byte> ownBody, ArrayPool<byte> pool, ref byte[]? rented)
    {
        var body = Trim(request.Body);
        if (body.IsEmpty)
        {
            return Outcome<ReadOnlyMemory<byte>>.Success(body);
        }

        var mediaType = request.Headers.MediaType;
        var isJson = mediaType is null or "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
        if (!isJson && mediaType != FormMediaType)
        {
            return new Failure(FailureKind.UnsupportedMediaType, $"content type '{mediaType}' is not supported: send JSON or a form");
        }

        if (!Utf8.IsValid(body.Span))
        {
            return Failure.Malformed("body is not valid UTF-8");
        }

        // curl -d sends a form content type unless told otherwise: a "form" that is a JSON object is read as the JSON it is.
        if (isJson || body.Span[0] == '{')
        {
            return Outcome<ReadOnlyMemory<byte>>.Success(body);
        }

        if (!FormBody.TryFindPayload(body.Span, out var field))
        {
            return Failure.Malformed("form body has no payload field");
        }

        // Decoded text is never longer than its encoding: into the start of the body itself (written behind what is read),
        // else into one rented array.
        var encoded = body.Span[field];
        var target = ownBody.IsEmpty ? (rented = pool.Rent(encoded.Length)) : ownBody;
        ReadOnlyMemory<byte> payload = target[..FormBody.Decode(encoded, target.Span)];
        payload = Trim(payload);
        return Utf8.IsValid(payload.Span)
            ? Outcome<ReadOnlyMemory<byte>>.Success(payload)
            : Failure.Malformed("form field payload is not valid UTF-8");
    }

    /// <summary>Whitespace around a JSON text and a UTF-8 byte order mark mean nothing; a body of only those is empty.</summary>
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var start = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (start < span.Length && IsWhiteSpace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsWhiteSpace(span[end - 1]))
        {
            end--;
        }

        return bytes[start..end];
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Walks a payload <see cref="JsonSyntax"/> refused with the tokenising reader, which throws what is wrong and where.</summary>
    private static void CheckWellFormed(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return;
        }

        var reader = new Utf8JsonReader(json, JsonRead.Options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw PayloadFormatException.NotAnObject();
        }

        while (reader.Read())
        {
            if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                CheckEscapes(ref reader);
            }
        }
    }

    /// <summary>
    /// The reader accepts an escaped lone surrogate ("\ud800") as syntax but throws InvalidOperationException when the string
    /// is read: unescaping every escaped string once here turns that into a malformed body before any reader sees it.
    /// </summary>
    private static void CheckEscapes(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        var rented = length > 256 ? ArrayPool<char>.Shared.Rent(length) : null;
        Span<char> buffer = rented is null ? stackalloc char[256] : rented;
        try
        {
            reader.CopyString(buffer);
        }
        catch (InvalidOperationException exception)
        {
            throw new PayloadFormatException($"malformed JSON at byte offset {reader.TokenStartIndex}: {exception.Message}");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static IDeliveryReader ReaderFor(Sender sender) => sender switch
    {
        Sender.GitHub => GitHub,
        Sender.Gitea => Gitea,
        Sender.Forgejo => Forgejo,
        Sender.Gogs => Gogs,
        Sender.BitbucketCloud => BitbucketCloud,
        Sender.BitbucketServer => BitbucketServer,
        Sender.BitbucketPost => BitbucketPost,
        Sender.GitLab => GitLab,
        Sender.AzureDevOps => AzureDevOps,
        _ => Generic,
    };

    private static string Describe(JsonException exception)
    {
        // Utf8JsonReader appends " LineNumber: n | BytePositionInLine: m." (both zero-based) to its message: said once, in words.
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
        {
            message = message[..position];
        }

        if (message.StartsWith("The maximum configured depth", StringComparison.Ordinal))
        {
            message = $"nested deeper than {JsonRead.Options.MaxDepth} levels";
        }
        else if (message.StartsWith("Expected depth to be zero at the end", StringComparison.Ordinal))
        {
            message = "the body ends before its JSON is complete (truncated?)";
        }

        var line = (exception.LineNumber ?? 0) + 1;
        var bytePosition = (exception.BytePositionInLine ?? 0) + 1;
        return $"malformed JSON at line {line}, byte {bytePosition}: {message}";
    }
}
