using Azure.Core;
using Azure.Core.Pipeline;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A storage client policy that lets matching requests reach the service and then throws as if their answer had been
/// lost on the way back, so the client's retry policy sends them again: the write has really landed.
/// </summary>
public sealed class LostAnswerPolicy(Func<Request, bool> matches, int times = 1) : HttpPipelinePolicy
{
    private readonly int total = times;
    private int remaining = times;

    public int Lost => total - Math.Max(remaining, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (matches(message.Request) && Interlocked.Decrement(ref remaining) >= 0)
        {
            throw new IOException("the answer was lost (test)");
        }
    }

    public static bool IsInsert(Request request) => request.Method == RequestMethod.Post;

    public static bool IsConditionalUpdate(Request request) =>
        request.Method == RequestMethod.Put && request.Headers.TryGetValue("If-Match", out var etag) && etag != "*";
}
