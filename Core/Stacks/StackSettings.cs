namespace Redeploy.Core.Stacks;

/// <summary>The stack settings a person may set (<c>settings set</c>), each with how its value is checked and stored.</summary>
public static class StackSettings
{
    /// <summary>Whether dispatches show as GitHub deployments (CONTRACT §8): <c>true</c> or <c>false</c>.</summary>
    public const string ContinuousDeploy = "continuous.deploy";

    /// <summary>The GitHub environment of the stack's deployments; the stack's name when not set.</summary>
    public const string Environment = "environment";

    /// <summary>GitHub's own limit on an environment name.</summary>
    public const int MaxEnvironmentLength = 255;

    public static IReadOnlyList<string> Known { get; } = [ContinuousDeploy, Environment];

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
            case Environment:
                var name = value.Trim();
                if (name.Length is > 0 and <= MaxEnvironmentLength && !name.Any(char.IsControl))
                {
                    return name;
                }

                error = $"{key} is a GitHub environment name of 1 to {MaxEnvironmentLength} characters";
                return null;
            default:
                error = $"unknown setting '{key}' (known: {string.Join(", ", Known)})";
                return null;
        }
    }

    /// <summary>A setting as listings show it: its value, the default it falls back to, or "not set".</summary>
    public static string Describe(IReadOnlyDictionary<string, string> settings, string stackName, string key) =>
        settings.TryGetValue(key, out var value) ? value
        : key == Environment ? $"{stackName} (the stack's name)"
        : "not set";
}
