namespace Redeploy.Core.Readers;

/// <summary>
/// Reads one field of an <c>application/x-www-form-urlencoded</c> body, as bytes. GitHub (form mode) and the Bitbucket
/// POST service send their JSON as the field <c>payload</c>. Nothing here allocates: the caller says where the decoded
/// value goes, which may be the body's own memory (decoding never writes ahead of what it reads).
/// </summary>
internal static class FormBody
{
    /// <summary>Where the still encoded value of the <c>payload</c> field is in <paramref name="body"/>; false when it has none.</summary>
    public static bool TryFindPayload(ReadOnlySpan<byte> body, out Range encoded) => TryFindField(body, "payload"u8, out encoded);

    /// <summary>Where the still encoded value of the first field named <paramref name="name"/> is in <paramref name="body"/>.</summary>
    public static bool TryFindField(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, out Range encoded)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            var rest = body[offset..];
            var amp = rest.IndexOf((byte)'&');
            var pair = amp < 0 ? rest : rest[..amp];

            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            if (KeyEquals(key, name))
            {
                encoded = equals < 0 ? new Range(offset + pair.Length, offset + pair.Length) : new Range(offset + equals + 1, offset + pair.Length);
                return true;
            }

            offset += pair.Length + 1;
        }

        encoded = default;
        return false;
    }

    /// <summary>
    /// Percent-decodes <paramref name="source"/> ('+' is a space, %XX a byte) into <paramref name="target"/>, at least as
    /// long; returns the length written. <paramref name="target"/> may overlap <paramref name="source"/> when it starts at
    /// or before it (in-place decoding): byte i is written only after bytes up to i + 2 were read.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> target)
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

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
