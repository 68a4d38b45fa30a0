using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary>The stack settings <c>settings set</c> knows, each with how its value is checked and written.</summary>
public static class StackSettings
{
    public const string ContinuousDeploy = "continuous.deploy";

    public static IReadOnlyList<string> Known { get; } = [ContinuousDeploy];

    /// <summary>The value to store, or null with <paramref name="error"/> when the key or value is refused.</summary>
    public static string? Normalize(string key, string value, out string? error)
    {
        error = null;
        switch (key)
        {
            case ContinuousDeploy:
                if (bool.TryParse(value.Trim(), out var enabled))
                {
                    return enabled ? "true" : "false";
                }

                error = $"{key} is true or false, not '{value}'";
                return null;
            default:
                error = $"unknown setting '{key}' (known: {string.Join(", ", Known)})";
                return null;
        }
    }

    public static string Describe(StoredStack stack, string key) => stack.Settings.TryGetValue(key, out var value) ? value : "not set";
}
