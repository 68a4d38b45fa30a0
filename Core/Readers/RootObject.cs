using System.Text.Json;

namespace Redeploy.Core.Readers;

/// <summary>
/// A well-formed payload and where its root object's properties are (<see cref="JsonSyntax.IndexObject"/>): a reader
/// enumerates them, reads the few values it needs and never walks a commit list it does not use. Where the payload has
/// more root properties than were recorded, enumerating walks the root with <see cref="Utf8JsonReader"/> instead, so
/// that memory stays fixed whatever the payload holds. Empty for an empty body.
/// </summary>
internal readonly ref struct RootObject
{
    private readonly ReadOnlySpan<RootProperty> recorded;
    private readonly int count;

    /// <summary>A payload whose root properties are all in <paramref name="properties"/>.</summary>
    public RootObject(ReadOnlySpan<byte> json, ReadOnlySpan<RootProperty> properties)
        : this(json, properties, properties.Length)
    {
    }

    /// <summary>A payload with <paramref name="count"/> root properties, of which the first ones are in <paramref name="recorded"/>.</summary>
    public RootObject(ReadOnlySpan<byte> json, ReadOnlySpan<RootProperty> recorded, int count)
    {
        Json = json;
        this.recorded = recorded;
        this.count = count;
    }

    /// <summary>The whole payload, for readers that walk it themselves.</summary>
    public ReadOnlySpan<byte> Json { get; }

    public Enumerator GetEnumerator() =>
        count <= recorded.Length ? new Enumerator(recorded[..count]) : new Enumerator(Json);

    /// <summary>Whether <paramref name="property"/> is named <paramref name="name"/>, escapes in the sent name decoded.</summary>
    public bool NameIs(RootProperty property, ReadOnlySpan<byte> name)
    {
        var quoted = Json[property.NameStart..property.NameEnd];
        if (quoted.IndexOf((byte)'\\') < 0)
        {
            return quoted[1..^1].SequenceEqual(name);
        }

        var reader = new Utf8JsonReader(quoted, JsonRead.Options);
        reader.Read();
        return reader.ValueTextEquals(name);
    }

    /// <summary>A reader over the value alone, before it: its first Read moves onto the value, as after a property name.</summary>
    public Utf8JsonReader ValueReader(RootProperty property) =>
        new(Json[property.ValueStart..property.ValueEnd], JsonRead.Options);

    /// <summary>Throws unless the payload is an object (an empty body is not).</summary>
    public void ExpectObject()
    {
        if (Json.IsEmpty)
        {
            throw PayloadFormatException.NotAnObject();
        }
    }

    /// <summary>The root properties in payload order: from the record, or found by walking the root.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<RootProperty> recorded;
        private readonly bool walking;
        private Utf8JsonReader reader;
        private int next;

        internal Enumerator(ReadOnlySpan<RootProperty> recorded)
        {
            this.recorded = recorded;
        }

        internal Enumerator(ReadOnlySpan<byte> json)
        {
            walking = true;
            reader = new Utf8JsonReader(json, JsonRead.Options);
            reader.Read();
        }

        public RootProperty Current { get; private set; }

        public bool MoveNext()
        {
            if (!walking)
            {
                if (next >= recorded.Length)
                {
                    return false;
                }

                Current = recorded[next++];
                return true;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            // TokenStartIndex is on the opening quote; ValueSpan is the name as sent, escapes included.
            var nameStart = (int)reader.TokenStartIndex;
            var nameEnd = nameStart + reader.ValueSpan.Length + 2;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            Current = new RootProperty(nameStart, nameEnd, valueStart, (int)reader.BytesConsumed);
            return true;
        }
    }
}
