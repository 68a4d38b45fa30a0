using Azure.Storage.Queues;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// What the load drivers (paced, burst, callback-jobs) share: the signed push they post (<c>--url</c>, <c>--payload</c>,
/// <c>--signature</c>), a request for it as a new delivery, and <c>deployment-jobs</c> emptied before they watch it.
/// </summary>
public sealed record SignedPush(Uri Url, byte[] Body, string Signature)
{
    public static async Task<SignedPush> ReadAsync(LoadOptions options) => new(
        new Uri(options.Required("url")),
        await File.ReadAllBytesAsync(options.Required("payload")),
        (await File.ReadAllTextAsync(options.Required("signature"))).Trim());

    /// <summary>A POST of the push with a new <c>X-GitHub-Delivery</c>; disposing it disposes its content.</summary>
    public HttpRequestMessage NewDelivery()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", Signature);
        return request;
    }

    /// <summary><c>deployment-jobs</c> of <c>--storage</c>, created if need be and emptied, so a driver sees its own jobs only.</summary>
    public static async Task<QueueClient> EmptyJobQueueAsync(LoadOptions options)
    {
        var jobs = new QueueClient(options.Required("storage"), "deployment-jobs", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await jobs.CreateIfNotExistsAsync();
        await jobs.ClearMessagesAsync();
        return jobs;
    }
}
