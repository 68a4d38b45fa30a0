using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Redeploy.Cli.Dev;

/// <summary>Lets the WebJobs SDK build function classes from the host's services, as the Functions worker does.</summary>
internal sealed class ServiceProviderJobActivator(IServiceProvider services) : IJobActivator
{
    public T CreateInstance<T>() => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);
}

/// <summary>Tells the WebJobs SDK which classes hold functions: only <see cref="LocalQueueFunctions"/>.</summary>
internal sealed class LocalTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(LocalQueueFunctions)];
}
