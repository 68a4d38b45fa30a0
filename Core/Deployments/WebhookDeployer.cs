using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// POSTs the job JSON to the stack's webhook URL, signed per Standard Webhooks (<c>webhook-id</c> = job id) with the one
/// implementation that also verifies signatures. 2xx within the timeout is accepted; 5xx, 408, 429, timeouts and
/// unreachable endpoints are worth another try; any other answer refuses the job.
/// </summary>
internal sealed class WebhookDeployer : IDeployer, IDisposable
{
    private readonly HttpClient http;
    private readonly RedeployOptions options;
    private readonly TimeProvider time;

    public WebhookDeployer(RedeployOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        // No redirects: a POST turned into a GET elsewhere is not a delivery. The timeout is per attempt, below.
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Redeploy", "1"));
    }

    public bool Outbound => true;

    public bool Handles(DeployerTarget target) => target is WebhookTarget;

    public async Task<DeliveryAnswer> DeliverAsync(DeploymentJob job, DeployerTarget target, CancellationToken cancellationToken)
    {
        var webhook = (WebhookTarget)target;
        var body = JsonSerializer.SerializeToUtf8Bytes(job, CoreJsonContext.Default.DeploymentJob);
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(StandardWebhooks.IdHeader, job.JobId);
        request.Headers.Add(StandardWebhooks.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(job.JobId, now, body, webhook.Secret));

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.DeployerTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return DeliveryAnswer.Accepted;
            }

            var reason = $"deployer answered {status}";
            return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? DeliveryAnswer.Retry(reason, RetryAfter.From(response.Headers.RetryAfter, now))
                : DeliveryAnswer.Refused(reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAnswer.Retry($"deployer did not answer within {options.DeployerTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            // The message names the URL's host at most, never its query; the reason keeps only the kind of error.
            return DeliveryAnswer.Retry($"deployer unreachable ({Describe(e)})");
        }
    }

    public void Dispose() => http.Dispose();

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "connection refused or reset",
        HttpRequestError.NameResolutionError => "host name not found",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        _ => e.HttpRequestError.ToString(),
    };
}
