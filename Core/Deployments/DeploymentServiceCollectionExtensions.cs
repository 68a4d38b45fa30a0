using Microsoft.Extensions.DependencyInjection;

namespace Redeploy.Core.Deployments;

internal static class DeploymentServiceCollectionExtensions
{
    /// <summary>The deployers, the hand-over, the outbox, the report use cases and their storage.</summary>
    public static IServiceCollection AddRedeployDeployments(this IServiceCollection services)
    {
        services.AddSingleton<JobIndex>();
        services.AddSingleton<Storage.IRetentionStep>(sp => sp.GetRequiredService<JobIndex>());
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeploymentStorage>();
        services.AddSingleton<IDeployer, QueueDeployer>();
        services.AddSingleton<IDeployer, WebhookDeployer>();
        services.AddSingleton<Deployers>();
        services.AddSingleton<JobHandover>();
        services.AddSingleton<DeliveryOutbox>();
        services.AddSingleton<DeploymentEvents>();
        services.AddSingleton<DeploymentCallback>();
        return services;
    }
}
