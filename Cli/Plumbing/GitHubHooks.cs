using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Plumbing;

/// <summary>
/// The GitHub side of <c>settings set continuous.deploy true</c> and <c>hook rotate</c>: GitHub settings from the
/// environment (<c>Redeploy__GitHub__*</c>), and each tracked repository's webhook made to point at the stack (CONTRACT §8).
/// </summary>
public static class GitHubHooks
{
    public const string MissingCredentials =
        "GitHub credentials (Redeploy__GitHub__Token, or Redeploy__GitHub__AppId and Redeploy__GitHub__PrivateKey)";

    public static GitHubOptions ReadOptions(CliContext context)
    {
        var options = new GitHubOptions();
        context.Configuration.GetSection(GitHubOptions.Section).Bind(options);
        try
        {
            Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        }
        catch (ValidationException e)
        {
            throw new SettingsException($"settings {GitHubOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__*: {e.Message}", e);
        }

        return options;
    }

    /// <summary>
    /// Syncs the hook of every GitHub repository the stack tracks to <paramref name="hookUrl"/>, one line per repository to
    /// <paramref name="report"/>; GitHub's refusals go to stderr. Returns the stack with the secret hashes of the hooks
    /// written (to be saved by the caller), and whether every repository succeeded. The GitHub client is the app's, from
    /// the command's services (a GitHub App key given as keyvault:NAME is read with this machine's Azure identity).
    /// </summary>
    public static async Task<(StoredStack Stack, bool Succeeded)> SyncAsync(
        CliContext context, CliStorage storage, StoredStack stack, string hookUrl, Action<string> report, CancellationToken cancellationToken)
    {
        var options = storage.Services.GetRequiredService<GitHubOptions>();
        var sync = new GitHubHookSync(storage.Services.GetRequiredService<GitHubClient>(), stack.Definition.Deploy.On);
        var hashes = new Dictionary<string, string>(GitHubSettings.HookSecretHashes(stack), StringComparer.Ordinal);
        var succeeded = true;
        foreach (var repository in GitHubSettings.Repositories(stack.Definition, options))
        {
            try
            {
                var (result, hash) = await sync.SyncAsync(
                    repository, stack.Uid, hookUrl, stack.WebhookSecret!, hashes.GetValueOrDefault(repository.FullName), cancellationToken);
                hashes[repository.FullName] = hash;
                report($"{repository.FullName}: {result.ToString().ToLowerInvariant()}");
            }
            catch (Exception e) when (e is GitHubApiException or HttpRequestException or InvalidOperationException
                || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                context.Output.Fail($"{repository.FullName}: {Describe(e, options)}");
                succeeded = false;
            }
        }

        return (GitHubSettings.WithHookSecretHashes(stack, hashes, options), succeeded);
    }

    private static string Describe(Exception e, GitHubOptions options) => e switch
    {
        GitHubApiException { RetryAfter: { } wait } api => $"{api.Message} (rate limited: try again in {Math.Ceiling(wait.TotalMinutes)} min)",
        GitHubApiException api => api.Message,
        InvalidOperationException => e.Message,
        _ => $"GitHub at {options.ApiBase} cannot be reached ({e.GetType().Name})",
    };
}
