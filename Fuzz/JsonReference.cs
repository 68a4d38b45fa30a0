using System.Text.Json;

namespace Redeploy.Fuzz;

/// <summary>
/// What System.Text.Json's tokenising reader says of a payload, with the options the readers use (depth 64, no comments, no
/// trailing commas): the reference <c>JsonSyntax</c> must agree with, since it claims to accept exactly what that reader
/// accepts, less escaped lone surrogates.
/// </summary>
public static class JsonReference
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Whether <paramref name="json"/> (valid UTF-8) is one well-formed JSON object whose strings all unescape.</summary>
    public static bool IsWellFormedObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    reader.GetString();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: syntax the reader takes, a string it cannot give.
            return false;
        }
    }

    /// <summary>A body as DeliveryReader sees its JSON: without a UTF-8 byte order mark and surrounding JSON whitespace.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        return body.Trim(" \t\r\n"u8);
    }
}
