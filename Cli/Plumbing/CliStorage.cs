using System.ComponentModel.DataAnnotations;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Redeploy.Cli.Output;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Plumbing;

/// <summary>
/// The storage a command works on: <c>--connection</c>, else <c>AzureWebJobsStorage</c> (a connection string or an
/// identity-based setting), else the local emulator. Turns storage trouble into a message a person can act on. The
/// services are the app's own (<see cref="RedeployServiceCollectionExtensions.AddRedeployCore"/>), with this storage,
/// the command's clock, and warnings logged to stderr.
/// </summary>
public sealed class CliStorage
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private CliStorage(IServiceProvider services, StorageClients clients, RedeployOptions options)
    {
        Services = services;
        Options = options;
        Stacks = services.GetRequiredService<TableStackStore>();
        Requests = services.GetRequiredService<RequestLog>();
        RequestQueue = services.GetRequiredService<RequestQueue>();
        Jobs = services.GetRequiredService<JobIndex>();
        GitHubUpdates = services.GetRequiredService<GitHubUpdateQueue>();
        Setup = services.GetRequiredService<StorageSetup>();
        Endpoint = clients.Tables.Uri;
    }

    /// <summary>The app's services, for the use cases a command runs (e.g. <c>ManualRedeploy</c>).</summary>
    public IServiceProvider Services { get; }

    public RedeployOptions Options { get; }

    public TableStackStore Stacks { get; }

    public RequestLog Requests { get; }

    public RequestQueue RequestQueue { get; }

    /// <summary>The jobs table, for <c>deployments report</c>.</summary>
    public JobIndex Jobs { get; }

    /// <summary>The GitHub outbox, for the statuses a report posts (CONTRACT §8).</summary>
    public GitHubUpdateQueue GitHubUpdates { get; }

    private StorageSetup Setup { get; }

    private Uri Endpoint { get; }

    private static RedeployOptions ReadOptions(IConfiguration configuration)
    {
        var options = new RedeployOptions();
        try
        {
            configuration.GetSection(RedeployOptions.Section).Bind(options);
            Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        }
        catch (Exception e) when (e is ValidationException or InvalidOperationException)
        {
            throw new SettingsException($"settings {RedeployOptions.Section}__*: {e.Message}", e);
        }

        return options;
    }

    public static CliStorage Open(CliContext context, string? connection, Action<RedeployOptions>? configure = null)
    {
        var options = ReadOptions(context.Configuration);
        context.ConfigureOptions?.Invoke(options);
        configure?.Invoke(options);
        var configured = context.Configuration[StorageClients.ConnectionName];
        var hasIdentity = context.Configuration.GetSection(StorageClients.ConnectionName).GetChildren().Any();
        try
        {
            var clients = connection is { Length: > 0 } ? StorageClients.FromConnectionString(connection)
                : configured is { Length: > 0 } || hasIdentity ? StorageClients.FromConfiguration(context.Configuration)
                : StorageClients.FromConnectionString(DevelopmentStorage);
            return new CliStorage(BuildServices(context, clients, options), clients, options);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            // The SDK's message says what is wrong with the string without repeating it (it holds the account key).
            throw new SettingsException($"the storage connection ({(connection is { Length: > 0 } ? "--connection" : StorageClients.ConnectionName)}) cannot be used: {e.Message}", e);
        }
    }

    private static ServiceProvider BuildServices(CliContext context, StorageClients clients, RedeployOptions options)
    {
        var services = new ServiceCollection()
            .AddSingleton(context.Configuration)
            .AddLogging(logging => logging.AddProvider(new CliLoggerProvider(context.Output)))
            .AddRedeployCore();

        // The command's own choices win over AddRedeployCore's: the last registration is the one resolved.
        services.AddSingleton(options);
        services.AddSingleton(clients);
        services.AddSingleton(context.Time);
        services.AddSingleton(_ => GitHubHooks.ReadOptions(context));
        return services.BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="body"/> with the tables and queues created; storage trouble becomes exit code 3.</summary>
    public async Task<int> RunAsync(CliContext context, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            await Setup.EnsureCreatedAsync(cancellationToken);
            return await body();
        }
        catch (Exception e) when (e.IsStorageFailure(cancellationToken))
        {
            context.Output.Fail(Describe(e));
            return ExitCodes.StorageUnreachable;
        }
    }

    private string Describe(Exception e)
    {
        var where = $"{Endpoint.Host}:{Endpoint.Port}";
        var refused = e as RequestFailedException ?? (e as AggregateException)?.InnerExceptions.OfType<RequestFailedException>().FirstOrDefault();
        if (refused is { Status: > 0 })
        {
            return $"storage at {where} refused the request ({refused.Status} {refused.ErrorCode}): check {StorageClients.ConnectionName} or --connection";
        }

        return IsLoopback(Endpoint)
            ? $"no storage at {where}: is Azurite running? `redeploy dev` starts one"
            : $"no storage at {where}: check {StorageClients.ConnectionName} or --connection, and the network";
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || uri.Host is "127.0.0.1" or "localhost";
}
