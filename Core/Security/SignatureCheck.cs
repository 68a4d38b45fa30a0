namespace Redeploy.Core.Security;

/// <summary>The result of checking a delivery's signature against the stack's webhook secret.</summary>
public enum SignatureCheck
{
    /// <summary>The signature (or GitLab token, or Azure DevOps password) matches the secret.</summary>
    Valid,

    /// <summary>The stack has no webhook secret: nothing to check.</summary>
    NotRequired,

    /// <summary>The stack has a secret and the delivery carries no signature.</summary>
    MissingSignature,

    /// <summary>A signature is present and does not match, or cannot be parsed.</summary>
    SignatureMismatch,

    /// <summary>Standard Webhooks: the timestamp is outside the tolerance (±5 minutes).</summary>
    TimestampOutOfRange,
}
