namespace Redeploy.Cli.StackFiles;

/// <summary>
/// A stack's <c>secret</c>: <c>env:NAME</c>, read from the environment when the file is applied; <c>keyvault:NAME</c>,
/// a Key Vault secret the app reads with its identity (only the name is stored); or a literal value (accepted with a
/// warning: the file then holds the secret).
/// </summary>
public sealed record SecretReference(string? Variable, string? Literal, int Line, string Field)
{
    public const string EnvironmentPrefix = "env:";

    public const string KeyVaultPrefix = "keyvault:";

    /// <summary>For <c>keyvault:NAME</c>: the Key Vault secret's name.</summary>
    public string? KeyVaultName { get; init; }

    public static SecretReference Parse(string value, int line, string field) =>
        value.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
            ? new SecretReference(value[EnvironmentPrefix.Length..].Trim(), null, line, field)
            : value.StartsWith(KeyVaultPrefix, StringComparison.Ordinal)
                ? new SecretReference(null, null, line, field) { KeyVaultName = value[KeyVaultPrefix.Length..].Trim() }
                : new SecretReference(null, value, line, field);

    /// <summary>Key Vault's rule for secret names: 1 to 127 letters, digits and dashes.</summary>
    public static bool IsKeyVaultName(string name) =>
        name.Length is > 0 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The secret's value; null (with <paramref name="error"/>) when the variable is not set. Null for Key Vault.</summary>
    public string? Resolve(string file, Func<string, string?> environment, out StackFileError? error)
    {
        error = null;
        if (Literal is not null || KeyVaultName is not null)
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
