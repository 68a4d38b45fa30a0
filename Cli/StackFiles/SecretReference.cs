namespace Redeploy.Cli.StackFiles;

/// <summary>
/// A stack's <c>secret</c>: <c>env:NAME</c>, read from the environment when the file is applied, or a literal value
/// (accepted with a warning: the file then holds the secret).
/// </summary>
public sealed record SecretReference(string? Variable, string? Literal, int Line, string Field)
{
    public const string EnvironmentPrefix = "env:";

    public static SecretReference Parse(string value, int line, string field) =>
        value.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
            ? new SecretReference(value[EnvironmentPrefix.Length..].Trim(), null, line, field)
            : new SecretReference(null, value, line, field);

    /// <summary>The secret's value; null (with <paramref name="error"/>) when the variable is not set.</summary>
    public string? Resolve(string file, Func<string, string?> environment, out StackFileError? error)
    {
        error = null;
        if (Literal is not null)
        {
            return Literal;
        }

        if (environment(Variable!) is { Length: > 0 } value)
        {
            return value;
        }

        error = new StackFileError(file, Line, Field, $"environment variable {Variable} is not set");
        return null;
    }
}
