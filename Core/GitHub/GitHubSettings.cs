using System.Text.Json;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.GitHub;

/// <summary>The stack settings the GitHub integration reads (CONTRACT §8), by the names <c>settings set</c> writes.</summary>
public static class GitHubSettings
{
    public const string ContinuousDeploy = StackSettings.ContinuousDeploy;

    public const string Environment = StackSettings.Environment;

    /// <summary>Hidden setting: per repository, the hash of the secret Redeploy last wrote to its hook (JSON object).</summary>
    public const string HookSecrets = "github.hooks";

    public static bool IsContinuousDeploy(StoredStack stack) =>
        stack.Settings.TryGetValue(ContinuousDeploy, out var value) && value == "true";

    /// <summary>The GitHub environment of the stack's deployments: the setting, else the stack's name.</summary>
    public static string EnvironmentOf(StoredStack stack) =>
        stack.Settings.TryGetValue(Environment, out var value) && value.Length > 0 ? value : stack.Name;

    /// <summary>Per repository (owner/name), the hash of the secret Redeploy last wrote to its hook to this stack.</summary>
    public static IReadOnlyDictionary<string, string> HookSecretHashes(StoredStack stack) =>
        stack.Settings.TryGetValue(HookSecrets, out var json) && json.Length > 0
            ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.DictionaryStringString) ?? []
            : new Dictionary<string, string>();

    /// <summary>
    /// The stack with these hashes kept: bounded by the repositories it tracks, since only those are kept.
    /// </summary>
    public static StoredStack WithHookSecretHashes(StoredStack stack, IReadOnlyDictionary<string, string> hashes, GitHubOptions options)
    {
        var tracked = Repositories(stack.Definition, options).Select(r => r.FullName).ToHashSet(StringComparer.Ordinal);
        var kept = hashes.Where(h => tracked.Contains(h.Key)).ToDictionary(StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(stack.Settings, StringComparer.Ordinal);
        if (kept.Count == 0)
        {
            settings.Remove(HookSecrets);
        }
        else
        {
            settings[HookSecrets] = JsonSerializer.Serialize(kept, CoreJsonContext.Default.DictionaryStringString);
        }

        return stack with { Settings = settings };
    }

    /// <summary>The GitHub repositories a stack tracks, each once, in the stack's order.</summary>
    public static IReadOnlyList<GitHubRepository> Repositories(Stack stack, GitHubOptions options) =>
        (stack.Kind == StackKind.Classic ? [stack.Git] : stack.Services.Select(s => s.Git))
            .Select(git => git is null ? null : GitHubRepository.From(git.Repository, options))
            .OfType<GitHubRepository>()
            .DistinctBy(r => r.FullName, StringComparer.Ordinal)
            .ToList();
}
