using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Redeploy.Core.Observers;

namespace Redeploy.Core.GitHub;

internal static class GitHubServiceCollectionExtensions
{
    /// <summary>The GitHub settings, client, outbox and the observer that feeds it (CONTRACT §8). Inert without credentials.</summary>
    public static IServiceCollection AddRedeployGitHub(this IServiceCollection services)
    {
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GitHubOptions>>().Value);
        services.AddSingleton(sp => new GitHubConnection(
            GitHubConnection.NewHttpClient(), sp.GetRequiredService<GitHubOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GitHubAuthenticator>();
        services.AddSingleton<GitHubClient>();
        services.AddSingleton<GitHubUpdateQueue>();
        services.AddSingleton<GitHubDeploymentLog>();
        services.AddSingleton<Storage.IRetentionStep>(sp => sp.GetRequiredService<GitHubDeploymentLog>());
        services.AddSingleton<GitHubUpdater>();
        services.AddSingleton<IDeploymentObserver, GitHubDeploymentObserver>();
        services.AddSingleton<Storage.IStorageSetupStep, GitHubStorage>();
        return services;
    }
}
