using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Core;

public static class RedeployServiceCollectionExtensions
{
    /// <summary>
    /// Options, storage clients (from <c>AzureWebJobsStorage</c>), stores, queues, the intake, manual redeployments, the
    /// processor and the reconciler: every service of the app, for the Functions host, the local host and the command line.
    /// </summary>
    public static IServiceCollection AddRedeployCore(this IServiceCollection services)
    {
        services.AddOptions<RedeployOptions>()
            .BindConfiguration(RedeployOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RedeployOptions>>().Value);
        services.AddSingleton(sp => StorageClients.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>().Queues);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TableStackStore>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RequestQueue>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton(sp => new KeyVaultSecrets(
            KeyVaultSecrets.CreateClient(sp.GetRequiredService<RedeployOptions>()),
            sp.GetRequiredService<RedeployOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KeyVaultSecrets>>()));
        services.AddSingleton<WebhookSecretResolver>();
        // One budget for every body this instance holds: hook deliveries and deployer reports alike.
        services.AddSingleton(sp => new BodyBudget(sp.GetRequiredService<RedeployOptions>().MaxBufferedBytes));
        services.AddSingleton<HookIntake>();
        services.AddSingleton<ManualRedeploy>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<RequestProcessor>();
        services.AddSingleton<RequestRetention>();
        services.AddSingleton<RequestReconciler>();
        services.AddRedeployDeployments();
        services.AddSingleton<StorageSetup>();
        services.AddRedeployGitHub();

        // The GitHub Actions deployer needs both: the outbox's deployer interface and the GitHub client.
        services.AddSingleton<IDeployer, GitHubActionsDeployer>();
        return services;
    }
}
