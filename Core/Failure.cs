namespace Redeploy.Core;

/// <summary>What went wrong, in words a user can act on. <see cref="Items"/> lists names when the failure is about names.</summary>
public sealed record Failure(FailureKind Kind, string Detail, IReadOnlyList<string>? Items = null)
{
    public static Failure Malformed(string detail) => new(FailureKind.Malformed, detail);
}

public enum FailureKind
{
    /// <summary>The body cannot be read: bad JSON, wrong types, unknown form (400).</summary>
    Malformed,

    /// <summary>A content type that is neither JSON nor form nor empty (415).</summary>
    UnsupportedMediaType,

    /// <summary>The body is over the configured limit (413).</summary>
    TooLarge,

    /// <summary>Unknown names in the services modifier, or a modifier on a Classic stack (422).</summary>
    UnknownServices,

    /// <summary>The body did not arrive in full within the time limit (408).</summary>
    BodyTimeout,

    /// <summary>The instance holds as many bodies in memory as its budget allows (503 with Retry-After).</summary>
    Busy,
}
