using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Storage that fails on demand: while <see cref="Down"/>, the requests it covers (all, or those of one method) are
/// answered as an unavailable service would, without being sent, and counted. Clients over Azurite carry it.
/// </summary>
internal sealed class StorageOutage(bool down = false, RequestMethod? only = null) : HttpPipelinePolicy
{
    private int refused;

    public bool Down { get; set; } = down;

    /// <summary>The requests answered 503 so far, the clients' retries included.</summary>
    public int Refused => Volatile.Read(ref refused);

    public TableServiceClient Tables(string connectionString, int maxRetries)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    public QueueServiceClient Queues(string connectionString, int maxRetries)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new QueueServiceClient(connectionString, options);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Down && (only is null || message.Request.Method == only))
        {
            Interlocked.Increment(ref refused);
            throw new RequestFailedException(503, "storage down (test)");
        }

        await ProcessNextAsync(message, pipeline);
    }
}
