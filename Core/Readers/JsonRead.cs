using System.Text.Json;

namespace Redeploy.Core.Readers;

/// <summary>
/// Small helpers over <see cref="Utf8JsonReader"/> shared by the readers. Each is called with the reader on a property
/// name, reads that property's value, and throws <see cref="PayloadFormatException"/> naming the field when the type is wrong.
/// </summary>
internal static class JsonRead
{
    /// <summary>Options for every payload: comments and trailing commas refused, depth limited.</summary>
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>A string or null. Numbers are refused: a field that must be text is text in every host's format.</summary>
    public static string? String(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw PayloadFormatException.WrongType(field, "a string", reader.TokenType),
        };
    }

    /// <summary>A boolean or null.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw PayloadFormatException.WrongType(field, "a boolean", reader.TokenType),
        };
    }

    /// <summary>Moves onto the value and checks it starts an object; false (value consumed) when it is null.</summary>
    public static bool StartObject(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw PayloadFormatException.WrongType(field, "an object", reader.TokenType),
        };
    }

    /// <summary>
    /// Reads an object (or null) and returns its string member <paramref name="name"/> (<paramref name="memberField"/> in
    /// errors), the other members skipped.
    /// </summary>
    public static string? StringMember(ref Utf8JsonReader reader, string field, ReadOnlySpan<byte> name, string memberField) =>
        StartObject(ref reader, field) ? StringMemberOfStarted(ref reader, name, memberField) : null;

    /// <summary>As <see cref="StringMember"/>, for an object whose start the reader is already on.</summary>
    public static string? StringMemberOfStarted(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, string memberField)
    {
        string? value = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(name))
            {
                value = String(ref reader, memberField);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return value;
    }

    /// <summary>Moves onto the value and checks it starts an array; false (value consumed) when it is null.</summary>
    public static bool StartArray(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartArray => true,
            JsonTokenType.Null => false,
            _ => throw PayloadFormatException.WrongType(field, "an array", reader.TokenType),
        };
    }

    /// <summary>Skips the value of the current property, whatever its type (numbers where others send strings included).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Moves into the next element of the current array, which must be an object; false at the array's end.</summary>
    public static bool NextElement(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.EndArray => false,
            JsonTokenType.StartObject => true,
            _ => throw PayloadFormatException.WrongType(field, "an object", reader.TokenType),
        };
    }

    /// <summary>Checks the payload starts with an object.</summary>
    public static void ExpectRootObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw PayloadFormatException.NotAnObject();
        }
    }
}
