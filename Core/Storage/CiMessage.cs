using System.Text.Json.Serialization;

namespace Redeploy.Core.Storage;

/// <summary>
/// The CI part of a <see cref="RequestMessage"/>: one finished check (CONTRACT §9). <see cref="Name"/> is null for a
/// generic call on a stack that deploys on CI, which stands for the end of CI as a whole.
/// </summary>
public sealed record CiMessage(
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("ok")] bool Succeeded,
    [property: JsonPropertyName("conclusion"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Conclusion);
