using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Redeploy.Core.Matching;

namespace Redeploy.Core.Storage;

/// <summary>
/// The requests table: one row per request (partition = stack uid, row = request id). The row is also the claim on a
/// delivery id: a request id derived from the delivery id makes a second delivery collide with the first on insert.
/// </summary>
public sealed class RequestLog(TableServiceClient tables, RedeployOptions options)
{
    private readonly TableClient table = tables.GetTableClient(options.RequestsTable);

    public Task CreateTableAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Inserts the record; when a row with its id exists already, returns that row and false.</summary>
    public async Task<(RequestRecord Record, bool Created)> TryCreateAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        // A conflicting row can vanish before it is read (an attempt that failed to queue takes its row back): insert again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await table.AddEntityAsync(ToEntity(record), cancellationToken);
                return (record with { ETag = response.Headers.ETag ?? default }, true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await GetAsync(record.StackUid, record.RequestId, cancellationToken);
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

    /// <summary>Replaces the row if nobody changed it since <paramref name="record"/> was read; null when somebody did.</summary>
    public async Task<RequestRecord?> TryUpdateAsync(RequestRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), record.ETag, TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Removes the row if nobody changed it since it was read (used to undo a row whose message never queued).</summary>
    public async Task DeleteAsync(RequestRecord record, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(record.StackUid, record.RequestId, record.ETag, cancellationToken);

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
    };
}
