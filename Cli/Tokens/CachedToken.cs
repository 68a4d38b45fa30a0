using System.Text.Json.Serialization;

namespace Redeploy.Cli.Tokens;

/// <summary>A hook token this machine issued, kept because only its hash is stored. The name is for people reading the file.</summary>
public sealed record CachedToken(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("token")] string Token);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, CachedToken>))]
internal sealed partial class TokenCacheJsonContext : JsonSerializerContext;
