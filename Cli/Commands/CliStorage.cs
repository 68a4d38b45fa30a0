using System.ComponentModel.DataAnnotations;
using Azure;
using Microsoft.Extensions.Configuration;
using Redeploy.Core;
using Redeploy.Core.Deployments;
using Redeploy.Core.GitHub;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary>
/// The storage a command works on: <c>--connection</c>, else <c>AzureWebJobsStorage</c> (a connection string or an
/// identity-based setting), else the local emulator. Turns storage trouble into a message a person can act on.
/// </summary>
public sealed class CliStorage
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private CliStorage(StorageClients clients, RedeployOptions options)
    {
        Options = options;
        Stacks = new TableStackStore(clients.Tables, options);
        Requests = new RequestLog(clients.Tables, options);
        RequestQueue = new RequestQueue(clients.Queues, options);
        Jobs = new JobIndex(clients.Tables, options);
        GitHubUpdates = new GitHubUpdateQueue(clients.Queues);
        Setup = new StorageSetup(
            Stacks, Requests, RequestQueue, new JobQueue(clients.Queues, options), new DeploymentStorage(Jobs, new DeliveryQueue(clients.Queues, options), clients.Queues, options));
        Endpoint = clients.Tables.Uri;
    }

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
        configure?.Invoke(options);
        var configured = context.Configuration[StorageClients.ConnectionName];
        var hasIdentity = context.Configuration.GetSection(StorageClients.ConnectionName).GetChildren().Any();
        try
        {
            var clients = connection is { Length: > 0 } ? StorageClients.FromConnectionString(connection)
                : configured is { Length: > 0 } || hasIdentity ? StorageClients.FromConfiguration(context.Configuration)
                : StorageClients.FromConnectionString(DevelopmentStorage);
            return new CliStorage(clients, options);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            // The SDK's message says what is wrong with the string without repeating it (it holds the account key).
            throw new SettingsException($"the storage connection ({(connection is { Length: > 0 } ? "--connection" : StorageClients.ConnectionName)}) cannot be used: {e.Message}", e);
        }
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
