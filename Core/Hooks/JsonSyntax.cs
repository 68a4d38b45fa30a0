using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using Redeploy.Core.Readers;

namespace Redeploy.Core.Hooks;

/// <summary>
/// One pass over a payload that checks it is a well-formed JSON object and notes where the root's properties are, so that a
/// reader can take the values it needs without walking the rest again. Accepts what <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepts with <see cref="Readers.JsonRead.Options"/> (no comments, no trailing commas, at most <see cref="MaxDepth"/> nested
/// containers) less escaped lone surrogates, which that reader only refuses when such a string is read. The payload must
/// be valid UTF-8, checked before. It answers only yes or no: <see cref="DeliveryReader"/> words the error with the reader.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>The nesting limit, the same as <c>JsonRead.Options.MaxDepth</c>.</summary>
    public const int MaxDepth = 64;

    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private static readonly Vector256<byte> Quote = Vector256.Create((byte)'"');
    private static readonly Vector256<byte> Backslash = Vector256.Create((byte)'\\');
    private static readonly Vector256<byte> Space = Vector256.Create((byte)' ');

    /// <summary>
    /// Checks that <paramref name="json"/> is one JSON object with nothing but whitespace around it, and records where each of
    /// its properties is. Returns the number of properties, of which the first <c>properties.Length</c> were recorded, or -1
    /// when the payload is not a well-formed object.
    /// </summary>
    public static int IndexObject(ReadOnlySpan<byte> json, Span<RootProperty> properties)
    {
        var i = SkipWhiteSpace(json, 0);
        if (i >= json.Length || json[i] != '{')
        {
            return -1;
        }

        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == '}')
        {
            return SkipWhiteSpace(json, i + 1) == json.Length ? 0 : -1;
        }

        var count = 0;
        while (true)
        {
            var nameStart = i;
            var nameEnd = SkipName(json, ref i);
            if (nameEnd < 0)
            {
                return -1;
            }

            i = SkipWhiteSpace(json, i + 1);
            var valueStart = i;
            if (!SkipValue(json, ref i, 1))
            {
                return -1;
            }

            if (count < properties.Length)
            {
                properties[count] = new RootProperty(nameStart, nameEnd, valueStart, i);
            }

            count++;
            switch (Separator(json, ref i))
            {
                case (byte)',':
                    continue;
                case (byte)'}':
                    return SkipWhiteSpace(json, i) == json.Length ? count : -1;
                default:
                    return -1;
            }
        }
    }

    /// <summary>A value at <paramref name="i"/>, inside <paramref name="depth"/> open containers; on true, i is just after it.</summary>
    private static bool SkipValue(ReadOnlySpan<byte> json, ref int i, int depth)
    {
        if (i >= json.Length)
        {
            return false;
        }

        switch (json[i])
        {
            case (byte)'"':
                i = SkipString(json, i + 1);
                return i >= 0;
            case (byte)'{':
                return depth < MaxDepth && SkipObject(json, ref i, depth + 1);
            case (byte)'[':
                return depth < MaxDepth && SkipArray(json, ref i, depth + 1);
            case (byte)'t':
                return SkipLiteral(json, ref i, "true"u8);
            case (byte)'f':
                return SkipLiteral(json, ref i, "false"u8);
            case (byte)'n':
                return SkipLiteral(json, ref i, "null"u8);
            default:
                i = SkipNumber(json, i);
                return i >= 0;
        }
    }

    private static bool SkipObject(ReadOnlySpan<byte> json, ref int i, int depth)
    {
        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == '}')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (SkipName(json, ref i) < 0)
            {
                return false;
            }

            i = SkipWhiteSpace(json, i + 1);
            if (!SkipValue(json, ref i, depth))
            {
                return false;
            }

            switch (Separator(json, ref i))
            {
                case (byte)',':
                    continue;
                case (byte)'}':
                    return true;
                default:
                    return false;
            }
        }
    }

    private static bool SkipArray(ReadOnlySpan<byte> json, ref int i, int depth)
    {
        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == ']')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!SkipValue(json, ref i, depth))
            {
                return false;
            }

            switch (Separator(json, ref i))
            {
                case (byte)',':
                    continue;
                case (byte)']':
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// A property name and the colon after it: returns the index just after the name's closing quote, or -1, and leaves
    /// <paramref name="i"/> on the colon.
    /// </summary>
    private static int SkipName(ReadOnlySpan<byte> json, ref int i)
    {
        if (i >= json.Length || json[i] != '"')
        {
            return -1;
        }

        var end = SkipString(json, i + 1);
        if (end < 0)
        {
            return -1;
        }

        i = SkipWhiteSpace(json, end);
        return i < json.Length && json[i] == ':' ? end : -1;
    }

    /// <summary>The byte after a value and its whitespace (0 at the end), with <paramref name="i"/> past it and the whitespace after a comma.</summary>
    private static byte Separator(ReadOnlySpan<byte> json, ref int i)
    {
        i = SkipWhiteSpace(json, i);
        if (i >= json.Length)
        {
            return 0;
        }

        var separator = json[i];
        i = separator == ',' ? SkipWhiteSpace(json, i + 1) : i + 1;
        return separator;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> json, int i)
    {
        // Compact JSON, as every Git host sends, has none: one comparison decides.
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>From just after an opening quote to just after the closing one; -1 for a control byte, a bad escape or no end.</summary>
    private static int SkipString(ReadOnlySpan<byte> json, int i)
    {
        while (true)
        {
            i = NextStringStop(json, i);
            if (i < 0)
            {
                return -1;
            }

            switch (json[i])
            {
                case (byte)'"':
                    return i + 1;
                case (byte)'\\':
                    i = SkipEscape(json, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>
    /// The index of the next quote, backslash or control byte from <paramref name="i"/>, or -1. Most strings in a payload are
    /// short (names, hashes, URLs): one 32-byte comparison inline usually finds the end, where a general search would cost
    /// more in setting up than in searching.
    /// </summary>
    private static int NextStringStop(ReadOnlySpan<byte> json, int i)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            while (i + Vector256<byte>.Count <= json.Length)
            {
                var bytes = Vector256.Create(json.Slice(i, Vector256<byte>.Count));
                var stops = Vector256.Equals(bytes, Quote) | Vector256.Equals(bytes, Backslash) | Vector256.LessThan(bytes, Space);
                if (stops != Vector256<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }

                i += Vector256<byte>.Count;
            }
        }

        var stop = json[i..].IndexOfAny(StringStops);
        return stop < 0 ? -1 : i + stop;
    }

    /// <summary>From a backslash to just after its escape. A \u escape of a surrogate must be a high one followed by a \u low one.</summary>
    private static int SkipEscape(ReadOnlySpan<byte> json, int i)
    {
        if (i + 1 >= json.Length)
        {
            return -1;
        }

        switch (json[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 2;
            case (byte)'u':
                var unit = HexUnit(json, i + 2);
                if (unit is < 0xD800 or > 0xDFFF)
                {
                    return unit < 0 ? -1 : i + 6;
                }

                if (unit >= 0xDC00 || i + 7 >= json.Length || json[i + 6] != '\\' || json[i + 7] != 'u')
                {
                    return -1;
                }

                var low = HexUnit(json, i + 8);
                return low is >= 0xDC00 and <= 0xDFFF ? i + 12 : -1;
            default:
                return -1;
        }
    }

    /// <summary>The UTF-16 code unit of the four hex digits at <paramref name="i"/>, or -1.</summary>
    private static int HexUnit(ReadOnlySpan<byte> json, int i)
    {
        if (i + 4 > json.Length)
        {
            return -1;
        }

        var unit = 0;
        foreach (var b in json.Slice(i, 4))
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            unit = (unit << 4) | digit;
        }

        return unit;
    }

    private static bool SkipLiteral(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!json[i..].StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, to just after it; what follows is the caller's to check.</summary>
    private static int SkipNumber(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return -1;
        }

        if (json[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(json, i);
        }

        if (i < json.Length && json[i] == '.')
        {
            i++;
            if (i >= json.Length || !IsDigit(json[i]))
            {
                return -1;
            }

            i = SkipDigits(json, i);
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= json.Length || !IsDigit(json[i]))
            {
                return -1;
            }

            i = SkipDigits(json, i);
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
