using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Redeploy.Core.Storage;

/// <summary>
/// Table and queue clients from the Functions connection setting <c>AzureWebJobsStorage</c>: a connection string, or
/// identity-based (<c>AzureWebJobsStorage__accountName</c>, or <c>__tableServiceUri</c> and <c>__queueServiceUri</c>)
/// with DefaultAzureCredential. Queue messages are Base64, as the Functions queue trigger reads them.
/// </summary>
public sealed record StorageClients(TableServiceClient Tables, QueueServiceClient Queues)
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(ConnectionName);
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"No storage configured: set {ConnectionName} to a connection string, or {ConnectionName}__accountName for an identity-based connection.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        var retries = Retries();
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, TableOptions(retries)),
            new QueueServiceClient(new Uri(queueUri), credential, QueueOptions(retries)));
    }

    public static StorageClients FromConnectionString(string connectionString) => FromConnectionString(connectionString, Retries());

    internal static StorageClients FromConnectionString(string connectionString, StorageRetryPolicy retries) => new(
        new TableServiceClient(connectionString, TableOptions(retries)),
        new QueueServiceClient(connectionString, QueueOptions(retries)));

    // Few, quick retries for an answer: the intake must answer (503 if need be) well inside a Git host's 10-second limit.
    // The queue side's calls wait longer and are not sent again after a timeout (StorageTries).
    private static StorageRetryPolicy Retries() => new(
        PipelineTimings.StorageTryTimeout,
        PipelineTimings.QueueSideTryTimeout,
        PipelineTimings.StorageRetries,
        delay: TimeSpan.FromMilliseconds(200),
        maxDelay: TimeSpan.FromSeconds(1));

    private static void Configure(ClientOptions options, StorageRetryPolicy retries)
    {
        options.RetryPolicy = retries;
        options.Retry.NetworkTimeout = PipelineTimings.StorageTryTimeout;
        options.Diagnostics.IsLoggingContentEnabled = false;
    }

    private static TableClientOptions TableOptions(StorageRetryPolicy retries)
    {
        var options = new TableClientOptions();
        Configure(options, retries);
        return options;
    }

    private static QueueClientOptions QueueOptions(StorageRetryPolicy retries)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(options, retries);
        return options;
    }
}
