using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Redeploy.Core.Storage;

/// <summary>
/// The requests table: one row per request (partition = stack uid, row = request id). The row is also the claim on a
/// delivery id: a request id derived from the delivery id makes a second delivery collide with the first on insert.
/// </summary>
public sealed class RequestLog(TableServiceClient tables, RedeployOptions options)
{
    private readonly TableClient table = tables.GetTableClient(options.RequestsTable);

    public Task CreateTableAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Inserts the record; when a row with its id exists already, returns that row and false. An insert whose answer
    /// was lost and that the client retried finds its own row, and a row written for the same submission (its
    /// <see cref="RequestRecord.Submission"/>) by the processor is the submission's own too: both count as created.
    /// </summary>
    public async Task<(RequestRecord Record, bool Created)> TryCreateAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        var mine = record with { Attempt = NewAttempt() };

        // A conflicting row can vanish before it is read (an attempt that failed to queue takes its row back): insert again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await table.AddEntityAsync(ToEntity(mine), cancellationToken);
                return (mine with { ETag = response.Headers.ETag ?? default }, true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await GetAsync(record.StackUid, record.RequestId, cancellationToken);
                if (existing is not null && (existing.Attempt == mine.Attempt || (mine.Submission is not null && existing.Submission == mine.Submission)))
                {
                    return (existing, true);
                }

                if (existing is not null || attempt == 2)
                {
                    return (existing ?? throw new InvalidOperationException("a conflicting request row keeps vanishing"), false);
                }
            }
        }
    }

    public async Task<RequestRecord?> GetAsync(string stackUid, string requestId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(stackUid, requestId, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Replaces the row if nobody changed it since <paramref name="record"/> was read; null when somebody did. A write
    /// whose answer was lost and that the client retried finds the row changed by itself: that counts as written.
    /// </summary>
    public async Task<RequestRecord?> TryUpdateAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        var mine = record with { Attempt = NewAttempt() };
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(mine), record.ETag, TableUpdateMode.Replace, cancellationToken);
            return mine with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The row is gone: nothing to read back.
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            var current = await GetAsync(record.StackUid, record.RequestId, cancellationToken);
            return current is not null && current.Attempt == mine.Attempt ? current : null;
        }
    }

    /// <summary>
    /// Removes the row if nobody changed it since it was read (used to undo a row whose message never queued); false when
    /// somebody did (another attempt of the same delivery queued it meanwhile), and the row stays.
    /// </summary>
    public async Task<bool> DeleteAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(record.StackUid, record.RequestId, record.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Every request not final yet (queued or dispatching), across stacks: a filter on the status, which the service
    /// checks row by row (a scan of the table; see docs/PERFORMANCE.md for its cost). Only the columns the reconciler
    /// decides on are read, in pages of <see cref="OpenPageSize"/>, so each call stays short while a backlog is long.
    /// </summary>
    public async IAsyncEnumerable<OpenRequest> ListOpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(RequestStatus.Queued)} or Status eq {nameof(RequestStatus.Dispatching)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, OpenPageSize, OpenColumns, cancellationToken))
        {
            yield return new OpenRequest(
                entity.PartitionKey,
                entity.RowKey,
                Enum.Parse<RequestStatus>(entity.GetString("Status") ?? nameof(RequestStatus.Queued)),
                ReceivedAt(entity),
                entity.Timestamp,
                entity.GetDateTimeOffset("ResentAt"),
                entity.GetBoolean("Enqueued") ?? false,
                entity.GetString("Ci") is { } ci ? JsonSerializer.Deserialize(ci, CoreJsonContext.Default.CiProgress)?.ReleasedAt : null);
        }
    }

    /// <summary>
    /// Deletes up to <paramref name="max"/> requests received before <paramref name="cutoff"/> that are no longer queued
    /// (not queued, dispatching or delivering), as <see cref="TableSweep"/> does. Returns how many were deleted.
    /// </summary>
    public Task<int> DeleteReceivedBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            table,
            TableClient.CreateQueryFilter(
                $"ReceivedAt lt {cutoff} and Status ne {nameof(RequestStatus.Queued)} and Status ne {nameof(RequestStatus.Dispatching)} and Status ne {nameof(RequestStatus.Delivering)}"),
            max,
            cancellationToken);

    /// <summary>Rows per page of the open-request scan: well inside one call's timeout on a busy storage.</summary>
    internal const int OpenPageSize = 200;

    private static readonly string[] OpenColumns = ["PartitionKey", "RowKey", "Timestamp", "Status", "ReceivedAt", "ResentAt", "Enqueued", "Ci"];

    /// <summary>
    /// The newest <paramref name="count"/> requests of a stack, newest first: one query of the stack's partition, keeping
    /// only the newest rows while it reads (docs/decisions.md, "The delivery log reads one partition").
    /// </summary>
    public async Task<IReadOnlyList<RequestRecord>> ListRecentAsync(string stackUid, int count, CancellationToken cancellationToken)
    {
        var newest = new PriorityQueue<TableEntity, (DateTimeOffset, string)>(count + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {stackUid}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            newest.Enqueue(entity, (ReceivedAt(entity), entity.RowKey));
            if (newest.Count > count)
            {
                newest.Dequeue();
            }
        }

        var records = new RequestRecord[newest.Count];
        for (var i = records.Length - 1; i >= 0; i--)
        {
            records[i] = FromEntity(newest.Dequeue());
        }

        return records;
    }

    private static DateTimeOffset ReceivedAt(TableEntity entity) =>
        entity.GetDateTimeOffset("ReceivedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue;

    private static TableEntity ToEntity(RequestRecord record) => new(record.StackUid, record.RequestId)
    {
        ["StackName"] = record.StackName,
        ["Status"] = record.Status.ToString(),
        ["ReceivedAt"] = record.ReceivedAt,
        ["Sender"] = record.Sender,
        ["DeliveryId"] = record.DeliveryId,
        ["Summary"] = record.Summary,
        ["Enqueued"] = record.Enqueued,
        ["Reason"] = record.Reason,
        ["Services"] = record.Services is null ? null : JsonSerializer.Serialize(record.Services, CoreJsonContext.Default.IReadOnlyListServiceDeployment),
        ["Pushes"] = record.Pushes is null ? null : JsonSerializer.Serialize(record.Pushes, CoreJsonContext.Default.IReadOnlyListPushRecord),
        ["Attempt"] = record.Attempt,
        ["Submission"] = record.Submission,
        ["ResentAt"] = record.ResentAt,
        ["Message"] = record.Message?.ToArray(),
        ["LogUrl"] = record.LogUrl,
        ["EnvironmentUrl"] = record.EnvironmentUrl,
        ["DeliveryAttempt"] = record.DeliveryAttempt,
        ["LastReport"] = record.LastReport is null ? null : JsonSerializer.Serialize(record.LastReport, CoreJsonContext.Default.DeploymentReport),
        ["Ci"] = record.Ci is null ? null : JsonSerializer.Serialize(record.Ci, CoreJsonContext.Default.CiProgress),
    };

    private static RequestRecord FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("StackName") ?? string.Empty,
        Enum.Parse<RequestStatus>(entity.GetString("Status") ?? nameof(RequestStatus.Queued)),
        ReceivedAt(entity),
        entity.GetString("Sender") ?? string.Empty,
        entity.GetString("DeliveryId"),
        entity.GetString("Summary"),
        entity.GetBoolean("Enqueued") ?? false,
        entity.GetString("Reason"),
        entity.GetString("Services") is { } json ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.IReadOnlyListServiceDeployment) : null)
    {
        ETag = entity.ETag,
        UpdatedAt = entity.Timestamp,
        Pushes = entity.GetString("Pushes") is { } pushes ? JsonSerializer.Deserialize(pushes, CoreJsonContext.Default.IReadOnlyListPushRecord) : null,
        Attempt = entity.GetString("Attempt"),
        Submission = entity.GetString("Submission"),
        ResentAt = entity.GetDateTimeOffset("ResentAt"),
        Message = entity.GetBinaryData("Message"),
        LogUrl = entity.GetString("LogUrl"),
        EnvironmentUrl = entity.GetString("EnvironmentUrl"),
        DeliveryAttempt = entity.GetInt32("DeliveryAttempt") ?? 0,
        LastReport = entity.GetString("LastReport") is { } report ? JsonSerializer.Deserialize(report, CoreJsonContext.Default.DeploymentReport) : null,
        Ci = entity.GetString("Ci") is { } ci ? JsonSerializer.Deserialize(ci, CoreJsonContext.Default.CiProgress) : null,
    };

    private static string NewAttempt() => Guid.NewGuid().ToString("N");
}
