namespace Redeploy.Core.Readers;

/// <summary>
/// Reads one field of an <c>application/x-www-form-urlencoded</c> body, as bytes. GitHub (form mode) and the Bitbucket
/// POST service send their JSON as the field <c>payload</c>.
/// </summary>
internal static class FormBody
{
    /// <summary>The decoded <c>payload</c> field; false when the body has none.</summary>
    public static bool TryGetPayload(ReadOnlySpan<byte> body, out ReadOnlyMemory<byte> payload) => TryGetField(body, "payload"u8, out payload);

    /// <summary>The decoded value of the first field named <paramref name="name"/> ('+' is a space, %XX a byte).</summary>
    public static bool TryGetField(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, out ReadOnlyMemory<byte> value)
    {
        var rest = body;
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf((byte)'&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? [] : rest[(amp + 1)..];

            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            if (KeyEquals(key, name))
            {
                var encoded = equals < 0 ? [] : pair[(equals + 1)..];
                var decoded = new byte[encoded.Length];
                value = decoded.AsMemory(0, Decode(encoded, decoded));
                return true;
            }
        }

        value = ReadOnlyMemory<byte>.Empty;
        return false;
    }

    private static bool KeyEquals(ReadOnlySpan<byte> encodedKey, ReadOnlySpan<byte> name)
    {
        // A decoded key is never longer than its encoding, and one three times longer than the name cannot match it.
        if (encodedKey.Length < name.Length || encodedKey.Length > name.Length * 3)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[encodedKey.Length];
        return decoded[..Decode(encodedKey, decoded)].SequenceEqual(name);
    }

    /// <summary>Percent-decodes into <paramref name="target"/> (at least as long as the source); returns the length written.</summary>
    private static int Decode(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b == '+')
            {
                b = (byte)' ';
            }
            else if (b == '%' && i + 2 < source.Length && IsHex(source[i + 1]) && IsHex(source[i + 2]))
            {
                b = (byte)((HexValue(source[i + 1]) << 4) | HexValue(source[i + 2]));
                i += 2;
            }

            // A '%' not followed by two hex digits stays as it is, as browsers and URL parsers do.
            target[written++] = b;
        }

        return written;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
