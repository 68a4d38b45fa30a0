using System.Text.Json;

namespace Redeploy.Core.Readers;

/// <summary>
/// A well-formed payload and where its root object's properties are (<see cref="Hooks.JsonSyntax.IndexObject"/>): a reader
/// looks up the few values it needs and never walks a commit list it does not read. Empty for an empty body.
/// </summary>
internal readonly ref struct RootObject(ReadOnlySpan<byte> json, ReadOnlySpan<RootProperty> properties)
{
    /// <summary>The whole payload, for readers that walk it themselves.</summary>
    public ReadOnlySpan<byte> Json { get; } = json;

    public ReadOnlySpan<RootProperty> Properties { get; } = properties;

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
            throw new PayloadFormatException("the body must be a JSON object");
        }
    }
}
