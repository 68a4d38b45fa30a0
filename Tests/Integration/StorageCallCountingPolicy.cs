using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A storage client policy that counts the requests sent, keyed "METHOD resource": a table's name with "(query)" or
/// "(entity)", or a queue's path ("name/messages"), each name as given by <paramref name="nameOf"/> (the test's short
/// name for a suffixed table or queue). Placed per retry, so a retried call counts twice, as storage sees it.
/// </summary>
public sealed class StorageCallCountingPolicy(Func<string, string> nameOf) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => new SortedDictionary<string, int>(counts, StringComparer.Ordinal);

    public void Reset() => counts.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(Request request)
    {
        // Azurite's paths start with the account: /devstoreaccount1/NAME(...) or /devstoreaccount1/NAME/messages.
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length < 2 ? "(account)" : Resource(segments);
        counts.AddOrUpdate($"{request.Method} {resource}", 1, static (_, n) => n + 1);
    }

    private string Resource(string[] segments)
    {
        var name = segments[1];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            return nameOf(name[..paren]) + (name.EndsWith("()", StringComparison.Ordinal) ? "(query)" : "(entity)");
        }

        return segments.Length > 2 ? $"{nameOf(name)}/{segments[2]}" : nameOf(name);
    }
}
