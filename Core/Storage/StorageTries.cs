using Azure.Core;
using Azure.Core.Pipeline;

namespace Redeploy.Core.Storage;

/// <summary>
/// Who is asking storage, for <see cref="StorageRetryPolicy"/>. An answer to a caller (the intake, a status read, a
/// deployer's report) tries for <see cref="PipelineTimings.StorageTryTimeout"/> and again within its budget. The queue
/// side (a queue or timer function, inside <see cref="QueueSide"/>) waits <see cref="PipelineTimings.QueueSideTryTimeout"/>
/// for one try and never sends it again after a timeout: its message's visibility timeout is already its retry, and a
/// copy sent while a slow storage still works on the first only adds to what it has to work off (docs/decisions.md).
/// </summary>
public static class StorageTries
{
    private const string QueueSideProperty = "Redeploy.StorageTries.QueueSide";

    private static readonly Dictionary<string, object?> QueueSideProperties = new() { [QueueSideProperty] = true };

    /// <summary>Every storage call started inside the scope, in this async flow, is a queue-side call.</summary>
    public static IDisposable QueueSide() => HttpPipeline.CreateHttpMessagePropertiesScope(QueueSideProperties);

    internal static bool IsQueueSide(HttpMessage message) => message.TryGetProperty(QueueSideProperty, out var value) && value is true;
}
