using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Redeploy.Core.GitHub;

/// <summary>The JSON Web Token a GitHub App signs (RS256) to call the App endpoints: issued a minute back for clock drift, 9 minutes ahead.</summary>
internal static class GitHubAppJwt
{
    public static string Create(string appId, RSA key, DateTimeOffset now)
    {
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        using var claims = new MemoryStream();
        using (var writer = new Utf8JsonWriter(claims))
        {
            writer.WriteStartObject();
            writer.WriteNumber("iat", now.AddSeconds(-60).ToUnixTimeSeconds());
            writer.WriteNumber("exp", now.AddMinutes(9).ToUnixTimeSeconds());
            writer.WriteString("iss", appId);
            writer.WriteEndObject();
        }

        var signed = $"{header}.{Base64Url(claims.ToArray())}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
