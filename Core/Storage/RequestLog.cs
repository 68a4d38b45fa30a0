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

    /// <summary>The newest requests of a stack first.</summary>
    public async Task<IReadOnlyList<RequestRecord>> ListRecentAsync(string stackUid, int count, CancellationToken cancellationToken)
    {
        var records = new List<RequestRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {stackUid}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }

        return records.OrderByDescending(r => r.ReceivedAt).Take(count).ToList();
    }

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
        ["LogUrl"] = record.LogUrl,
        ["EnvironmentUrl"] = record.EnvironmentUrl,
        ["DeliveryAttempt"] = record.DeliveryAttempt,
        ["LastReport"] = record.LastReport is null ? null : JsonSerializer.Serialize(record.LastReport, CoreJsonContext.Default.DeploymentReport),
    };

    private static RequestRecord FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("StackName") ?? string.Empty,
        Enum.Parse<RequestStatus>(entity.GetString("Status") ?? nameof(RequestStatus.Queued)),
        entity.GetDateTimeOffset("ReceivedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetString("Sender") ?? string.Empty,
        entity.GetString("DeliveryId"),
        entity.GetString("Summary"),
        entity.GetBoolean("Enqueued") ?? false,
        entity.GetString("Reason"),
        entity.GetString("Services") is { } json ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.IReadOnlyListServiceDeployment) : null)
    {
        ETag = entity.ETag,
        UpdatedAt = entity.Timestamp,
        LogUrl = entity.GetString("LogUrl"),
        EnvironmentUrl = entity.GetString("EnvironmentUrl"),
        DeliveryAttempt = entity.GetInt32("DeliveryAttempt") ?? 0,
        LastReport = entity.GetString("LastReport") is { } report ? JsonSerializer.Deserialize(report, CoreJsonContext.Default.DeploymentReport) : null,
    };
}
