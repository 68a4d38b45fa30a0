using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary>The stack settings <c>settings set</c> knows, each with how its value is checked and written.</summary>
public static class StackSettings
{
    public const string ContinuousDeploy = GitHubSettings.ContinuousDeploy;

    public const string Environment = GitHubSettings.Environment;

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

    public static string Describe(StoredStack stack, string key) =>
        stack.Settings.TryGetValue(key, out var value) ? value
        : key == Environment ? $"{stack.Name} (the stack's name)"
        : "not set";
}
