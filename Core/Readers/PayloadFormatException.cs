namespace Redeploy.Core.Readers;

/// <summary>Thrown inside a reader when a field has the wrong type; caught at the edge and turned into a 400 failure.</summary>
internal sealed class PayloadFormatException(string message) : Exception(message)
{
    /// <summary>The payload is not a JSON object (an empty body included): every reader and the syntax check say it alike.</summary>
    public static PayloadFormatException NotAnObject() => new("the body must be a JSON object");

    public static PayloadFormatException WrongType(string field, string expected, System.Text.Json.JsonTokenType found) =>
        new($"field '{field}': expected {expected}, found {Describe(found)}");

    private static string Describe(System.Text.Json.JsonTokenType token) => token switch
    {
        System.Text.Json.JsonTokenType.StartObject => "an object",
        System.Text.Json.JsonTokenType.StartArray => "an array",
        System.Text.Json.JsonTokenType.String => "a string",
        System.Text.Json.JsonTokenType.Number => "a number",
        System.Text.Json.JsonTokenType.True or System.Text.Json.JsonTokenType.False => "a boolean",
        System.Text.Json.JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
