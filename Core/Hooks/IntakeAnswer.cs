namespace Redeploy.Core.Hooks;

/// <summary>What the HTTP edge sends back: a status, a JSON body and its content type, and extra headers.</summary>
public sealed record IntakeAnswer(int Status, ReadOnlyMemory<byte> Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public const string Json = "application/json; charset=utf-8";
    public const string ProblemJson = "application/problem+json; charset=utf-8";

    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
}
