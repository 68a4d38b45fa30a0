using Azure;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Storage;

/// <summary>
/// The storage clients' tries by side (StorageTries), against a real HTTP server standing in for storage: an answer is
/// tried again after a timeout, a queue-side call is not, and both are tried again when storage answers 503.
/// </summary>
public sealed class StorageRetryPolicyTests
{
    private static readonly TimeSpan AnswerTry = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan QueueSideTry = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Answer_StorageSilent_TriedThreeTimesForItsShortTimeout()
    {
        await using var storage = await StorageStandIn.StartAsync(status: null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(storage));

        Assert.Equal(3, Tries(error).Count);
        Assert.All(Tries(error), e => Assert.Contains("timeout of 0:00:00.3", e.Message));
    }

    [Fact]
    public async Task QueueSide_StorageSilent_TriedOnceForItsLongTimeout()
    {
        await using var storage = await StorageStandIn.StartAsync(status: null);

        Exception error;
        using (StorageTries.QueueSide())
        {
            error = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(storage));
        }

        var only = Assert.Single(Tries(error));
        Assert.Contains("timeout of 0:00:01.5", only.Message);
    }

    [Fact]
    public async Task QueueSide_Storage503_TriedThreeTimes()
    {
        await using var storage = await StorageStandIn.StartAsync(status: 503);

        using (StorageTries.QueueSide())
        {
            var error = await Assert.ThrowsAsync<RequestFailedException>(() => SendAsync(storage));
            Assert.Equal(503, error.Status);
        }

        Assert.Equal(3, storage.Requests);
    }

    [Fact]
    public async Task QueueSide_ScopeEnded_CallsAreAnswersAgain()
    {
        await using var storage = await StorageStandIn.StartAsync(status: null);
        using (StorageTries.QueueSide())
        {
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(storage));

        Assert.Equal(3, Tries(error).Count);
    }

    private static Task SendAsync(StorageStandIn storage)
    {
        var retries = new StorageRetryPolicy(AnswerTry, QueueSideTry, maxRetries: 2, delay: TimeSpan.FromMilliseconds(10), maxDelay: TimeSpan.FromMilliseconds(10));
        var clients = StorageClients.FromConnectionString(storage.ConnectionString, retries);
        return clients.Queues.GetQueueClient("requests").SendMessageAsync("{}");
    }

    // The retry policy throws the one try's exception, or an AggregateException of every try's when it tried again.
    private static IReadOnlyList<Exception> Tries(Exception error) => error is AggregateException all ? all.InnerExceptions : [error];
}
