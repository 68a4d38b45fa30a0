using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Redeploy.Core.Readers;

namespace Redeploy.Core.Readers;

/// <summary>
/// One pass over a payload that checks it is a well-formed JSON object and notes where the root's properties are, so that a
/// reader can take the values it needs without walking the rest again. Accepts what <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepts with <see cref="Readers.JsonRead.Options"/> (no comments, no trailing commas, at most <see cref="MaxDepth"/> nested
/// containers) less escaped lone surrogates, which that reader only refuses when such a string is read. The payload must
/// be valid UTF-8, checked before. It answers only yes or no: <see cref="DeliveryReader"/> words the error with the reader.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>The nesting limit: the readers' own, so that both refuse the same payloads.</summary>
    public static readonly int MaxDepth = JsonRead.Options.MaxDepth;

    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

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
            var nameEnd = NameEnd(json, i);
            var valueStart = ValueStart(json, nameEnd);
            i = ValueEnd(json, valueStart, 1);
            if (i < 0)
            {
                return -1;
            }

            if (count < properties.Length)
            {
                properties[count] = new RootProperty(nameStart, nameEnd, valueStart, i);
            }

            count++;
            i = SkipWhiteSpace(json, i);
            if (i >= json.Length)
            {
                return -1;
            }

            if (json[i] == '}')
            {
                return SkipWhiteSpace(json, i + 1) == json.Length ? count : -1;
            }

            if (json[i] != ',')
            {
                return -1;
            }

            i = SkipWhiteSpace(json, i + 1);
        }
    }

    // Every ...End method below takes the index where its part starts and returns the index just after it, or -1 when the
    // part is malformed. NameEnd, ValueStart, ValueEnd and SkipWhiteSpace also take a -1 and return it, so a failure runs
    // through a chain of them to the caller without a test at each step; the others are called on a checked index.

    /// <summary>The end of a value starting at <paramref name="i"/> inside <paramref name="depth"/> open containers.</summary>
    private static int ValueEnd(ReadOnlySpan<byte> json, int i, int depth)
    {
        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        return json[i] switch
        {
            (byte)'"' => StringEnd(json, i + 1),
            (byte)'{' => depth < MaxDepth ? ObjectEnd(json, i, depth + 1) : -1,
            (byte)'[' => depth < MaxDepth ? ArrayEnd(json, i, depth + 1) : -1,
            (byte)'t' => LiteralEnd(json, i, "true"u8),
            (byte)'f' => LiteralEnd(json, i, "false"u8),
            (byte)'n' => LiteralEnd(json, i, "null"u8),
            _ => NumberEnd(json, i),
        };
    }

    private static int ObjectEnd(ReadOnlySpan<byte> json, int i, int depth)
    {
        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == '}')
        {
            return i + 1;
        }

        while (true)
        {
            i = ValueStart(json, NameEnd(json, i));

            // Most values are strings: tested here before the general switch, which the processor predicts less well.
            i = (uint)i < (uint)json.Length && json[i] == '"' ? StringEnd(json, i + 1) : ValueEnd(json, i, depth);
            i = SkipWhiteSpace(json, i);
            if ((uint)i >= (uint)json.Length)
            {
                return -1;
            }

            if (json[i] == '}')
            {
                return i + 1;
            }

            if (json[i] != ',')
            {
                return -1;
            }

            i = SkipWhiteSpace(json, i + 1);
        }
    }

    private static int ArrayEnd(ReadOnlySpan<byte> json, int i, int depth)
    {
        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == ']')
        {
            return i + 1;
        }

        while (true)
        {
            i = (uint)i < (uint)json.Length && json[i] == '"' ? StringEnd(json, i + 1) : ValueEnd(json, i, depth);
            i = SkipWhiteSpace(json, i);
            if ((uint)i >= (uint)json.Length)
            {
                return -1;
            }

            if (json[i] == ']')
            {
                return i + 1;
            }

            if (json[i] != ',')
            {
                return -1;
            }

            i = SkipWhiteSpace(json, i + 1);
        }
    }

    /// <summary>The end of a property name (its closing quote included) starting at <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NameEnd(ReadOnlySpan<byte> json, int i) =>
        (uint)i < (uint)json.Length && json[i] == '"' ? StringEnd(json, i + 1) : -1;

    /// <summary>Where the value starts after a name ending at <paramref name="nameEnd"/>: past the colon and whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ValueStart(ReadOnlySpan<byte> json, int nameEnd)
    {
        var i = SkipWhiteSpace(json, nameEnd);
        return (uint)i < (uint)json.Length && json[i] == ':' ? SkipWhiteSpace(json, i + 1) : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhiteSpace(ReadOnlySpan<byte> json, int i)
    {
        // Compact JSON, as every Git host sends, has none: one comparison decides. A -1 stays -1.
        while ((uint)i < (uint)json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>From just after an opening quote to just after the closing one; -1 for a control byte, a bad escape or no end.</summary>
    private static int StringEnd(ReadOnlySpan<byte> json, int i)
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
                    i = EscapeEnd(json, i);
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringStop(ReadOnlySpan<byte> json, int i)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            while (i + Vector256<byte>.Count <= json.Length)
            {
                var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)i);
                var stops = Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                    | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(bytes, Vector256.Create((byte)' '));
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
    private static int EscapeEnd(ReadOnlySpan<byte> json, int i)
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

    private static int LiteralEnd(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal) =>
        json[i..].StartsWith(literal) ? i + literal.Length : -1;

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, to just after it; what follows is the caller's to check.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> json, int i)
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
