using System.Net.Sockets;
using Azure;
using Redeploy.Core;

namespace Redeploy.Tests.Storage;

/// <summary>What the intake answers 503 for: storage trouble, told apart from its own bugs and from a caller leaving.</summary>
public sealed class StorageFailureTests
{
    public static TheoryData<string, Exception, bool, bool> Cases => new()
    {
        { "a storage error answer", new RequestFailedException(500, "server busy"), false, true },
        { "an unreachable endpoint", new HttpRequestException("connection refused"), false, true },
        { "a connection reset unwrapped by HttpClient", new SocketException((int)SocketError.NotConnected), false, true },
        { "the client's own timeout", new TaskCanceledException("timed out"), false, true },
        { "the caller going away", new TaskCanceledException("cancelled"), true, false },
        { "retries that all failed on storage", new AggregateException(new RequestFailedException(503, "busy"), new SocketException((int)SocketError.ConnectionReset)), false, true },
        { "retries among which a bug", new AggregateException(new RequestFailedException(503, "busy"), new InvalidOperationException("bug")), false, false },
        { "a bug", new InvalidOperationException("bug"), false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsStorageFailure_TellsStorageTroubleApart(string name, Exception exception, bool callerGone, bool expected)
    {
        _ = name;
        using var caller = new CancellationTokenSource();
        if (callerGone)
        {
            caller.Cancel();
        }

        Assert.Equal(expected, exception.IsStorageFailure(caller.Token));
    }
}
