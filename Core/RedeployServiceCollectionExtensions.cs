using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Redeploy.Core.Deployments;
using Redeploy.Core.Intake;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Core;

public static class RedeployServiceCollectionExtensions
{
    /// <summary>Options, storage clients (from <c>AzureWebJobsStorage</c>), stores, queues, the intake and the processor.</summary>
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
        services.AddSingleton<HookIntake>();
        services.AddSingleton<RequestProcessor>();
        services.AddRedeployDeployments();
        services.AddSingleton<StorageSetup>();
        return services;
    }
}
