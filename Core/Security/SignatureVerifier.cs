using System.Security.Cryptography;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Security;

/// <summary>Checks a delivery's signature by its sender's scheme (CONTRACT §2, signature column). Never throws, never fails open.</summary>
public static class SignatureVerifier
{
    /// <summary>
    /// Header in which an Azure DevOps service hook may carry the secret, as an alternative to the basic-auth password:
    /// the hook's "HTTP headers" field accepts <c>X-Redeploy-Secret: &lt;secret&gt;</c>.
    /// </summary>
    public const string AzureDevOpsSecretHeader = "X-Redeploy-Secret";

    private const string Sha256Prefix = "sha256=";
    private const int HmacBytes = HMACSHA256.HashSizeInBytes;

    /// <summary>
    /// Checks <paramref name="request"/> against the stack's <paramref name="secret"/>. No secret: <see cref="SignatureCheck.NotRequired"/>.
    /// With a secret, a delivery without a signature is <see cref="SignatureCheck.MissingSignature"/>, never valid.
    /// </summary>
    public static SignatureCheck Verify(Sender sender, HookRequest request, string? secret, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        using var signature = Start(sender, request.Headers, secret, time.GetUtcNow());
        signature.Append(request.Body.Span);
        return signature.Finish();
    }

    /// <summary>
    /// Starts the check of a delivery from <paramref name="sender"/> whose body is still to come: what the headers decide is
    /// known at once, an HMAC is computed over the body as it is appended. Dispose it.
    /// </summary>
    public static BodySignature Start(Sender sender, HookHeaders headers, string? secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (string.IsNullOrEmpty(secret))
        {
            return BodySignature.Decided(SignatureCheck.NotRequired);
        }

        return sender switch
        {
            // Only the SHA-256 header: GitHub's legacy X-Hub-Signature (sha1=) is refused, so a GitHub delivery
            // carrying only that one is MissingSignature.
            Sender.GitHub => Sha256Prefixed(headers["X-Hub-Signature-256"], secret),
            Sender.Gitea => BareHex(headers["X-Gitea-Signature"], secret),
            Sender.Forgejo => BareHex(headers["X-Forgejo-Signature"], secret),
            Sender.Gogs => BareHex(headers["X-Gogs-Signature"], secret),
            Sender.BitbucketCloud or Sender.BitbucketServer => Sha256Prefixed(headers["X-Hub-Signature"], secret),

            // The legacy POST service cannot sign. The stack owner asked for signatures by setting a secret: refuse.
            Sender.BitbucketPost => BodySignature.Decided(SignatureCheck.MissingSignature),
            Sender.GitLab => BodySignature.Decided(GitLabToken(headers["X-Gitlab-Token"], secret)),
            Sender.AzureDevOps => BodySignature.Decided(AzureDevOps(headers["Authorization"], headers[AzureDevOpsSecretHeader], secret)),
            Sender.Generic => StandardWebhooks.Start(
                headers[StandardWebhooks.IdHeader],
                headers[StandardWebhooks.TimestampHeader],
                headers[StandardWebhooks.SignatureHeader],
                secret,
                now),
            _ => BodySignature.Decided(SignatureCheck.MissingSignature),
        };
    }

    /// <summary><c>sha256=&lt;hex&gt;</c>: HMAC-SHA256 of the body (GitHub X-Hub-Signature-256, Bitbucket X-Hub-Signature).</summary>
    internal static SignatureCheck Sha256Prefixed(string? header, string secret, ReadOnlySpan<byte> body) =>
        Complete(Sha256Prefixed(header, secret), body);

    /// <summary>Bare hex HMAC-SHA256 of the body (Gitea, Forgejo, Gogs).</summary>
    internal static SignatureCheck BareHex(string? header, string secret, ReadOnlySpan<byte> body) =>
        Complete(BareHex(header, secret), body);

    private static BodySignature Sha256Prefixed(string? header, string secret)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return BodySignature.Decided(SignatureCheck.MissingSignature);
        }

        var value = header.AsSpan().Trim();
        if (!value.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return BodySignature.Decided(SignatureCheck.SignatureMismatch);
        }

        return HexHmac(value[Sha256Prefix.Length..], secret);
    }

    private static BodySignature BareHex(string? header, string secret) =>
        string.IsNullOrWhiteSpace(header)
            ? BodySignature.Decided(SignatureCheck.MissingSignature)
            : HexHmac(header.AsSpan().Trim(), secret);

    private static SignatureCheck Complete(BodySignature signature, ReadOnlySpan<byte> body)
    {
        using (signature)
        {
            signature.Append(body);
            return signature.Finish();
        }
    }

    /// <summary>GitLab sends the secret itself in X-Gitlab-Token.</summary>
    internal static SignatureCheck GitLabToken(string? header, string secret) => SecretInHeader(header, secret);

    /// <summary>
    /// Azure DevOps service hooks: the secret as the basic-auth password (any user name), or in
    /// <see cref="AzureDevOpsSecretHeader"/>. The custom header, when present, is the one checked.
    /// </summary>
    internal static SignatureCheck AzureDevOps(string? authorization, string? secretHeader, string secret)
    {
        if (!string.IsNullOrEmpty(secretHeader))
        {
            return SecretInHeader(secretHeader, secret);
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return SignatureCheck.MissingSignature;
        }

        var value = authorization.AsSpan().Trim();
        const string basic = "Basic ";
        if (!value.StartsWith(basic, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.SignatureMismatch;
        }

        var encoded = value[basic.Length..].TrimStart();
        using var decoded = new ScratchBuffer(stackalloc byte[ScratchBuffer.StackSize], encoded.Length);
        if (!Convert.TryFromBase64Chars(encoded, decoded.Span, out var written))
        {
            return SignatureCheck.SignatureMismatch;
        }

        var credentials = decoded.Span[..written];
        var colon = credentials.IndexOf((byte)':');
        if (colon < 0)
        {
            return SignatureCheck.SignatureMismatch;
        }

        return SecretEquals(credentials[(colon + 1)..], secret) ? SignatureCheck.Valid : SignatureCheck.SignatureMismatch;
    }

    private static SignatureCheck SecretInHeader(string? header, string secret)
    {
        if (string.IsNullOrEmpty(header))
        {
            return SignatureCheck.MissingSignature;
        }

        using var presented = ScratchBuffer.Utf8(header, stackalloc byte[ScratchBuffer.StackSize]);
        return SecretEquals(presented.Span, secret) ? SignatureCheck.Valid : SignatureCheck.SignatureMismatch;
    }

    /// <summary>
    /// Constant-time equality of a presented credential with the secret. Both are hashed first, so the comparison runs
    /// over fixed-length values and its time reveals neither the secret's length nor how much of it was guessed.
    /// </summary>
    internal static bool SecretEquals(ReadOnlySpan<byte> presented, string secret)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> secretHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, presentedHash);

        using (var secretBytes = ScratchBuffer.Utf8(secret, stackalloc byte[ScratchBuffer.StackSize]))
        {
            SHA256.HashData(secretBytes.Span, secretHash);
        }

        return CryptographicOperations.FixedTimeEquals(presentedHash, secretHash);
    }

    private static BodySignature HexHmac(ReadOnlySpan<char> hex, string secret)
    {
        var presented = new byte[HmacBytes];
        if (hex.Length != HmacBytes * 2
            || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HmacBytes)
        {
            return BodySignature.Decided(SignatureCheck.SignatureMismatch);
        }

        using var key = ScratchBuffer.Utf8(secret, stackalloc byte[ScratchBuffer.StackSize]);
        return BodySignature.Hmac(key.Span, presented);
    }
}
