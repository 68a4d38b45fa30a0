using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Redeploy.Core;
using Redeploy.Core.Storage;

namespace Redeploy.Functions;

public static class RedeployFunctionsServiceCollectionExtensions
{
    /// <summary>The function classes (so that other hosts can call them too) and the start-up that creates tables and queues.</summary>
    public static IServiceCollection AddRedeployFunctions(this IServiceCollection services)
    {
        services.AddSingleton<HookFunction>();
        services.AddSingleton<StatusFunction>();
        services.AddSingleton<DeliveryLogFunction>();
        services.AddSingleton<RequestListFunction>();
        services.AddSingleton<ProcessRequestFunction>();
        services.AddSingleton<PoisonRequestFunction>();
        services.AddSingleton<GitHubUpdateFunction>();
        services.AddSingleton<PoisonGitHubUpdateFunction>();
        services.AddSingleton<DeploymentEventsFunction>();
        services.AddSingleton<DeliverJobFunction>();
        services.AddSingleton<PoisonDeliveryFunction>();
        services.AddSingleton<DeploymentEventFunction>();
        services.AddSingleton<PoisonDeploymentEventFunction>();
        services.AddHostedService<StorageSetupService>();
        return services;
    }

    private sealed class StorageSetupService(StorageSetup setup) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => setup.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
