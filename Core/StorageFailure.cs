using System.Net.Sockets;
using Azure;

namespace Redeploy.Core;

/// <summary>Tells storage trouble (unreachable, throttled, failing) from everything else, so the intake can answer 503.</summary>
public static class StorageFailure
{
    public static bool IsStorageFailure(this Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException => true,
        HttpRequestException => true,
        // A connection reset between connect and first use escapes HttpClient unwrapped (seen in the fault soak's resets).
        SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => e.IsStorageFailure(cancellationToken)),
        // A timeout inside the SDK, not the caller going away.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
