using Azure;
using Azure.Data.Tables;

namespace Redeploy.Core.Storage;

/// <summary>
/// Deletes a table's rows by the service's own last-write time: keys only, one conditional delete each. A table not
/// created yet (GitHub's, before its first deployment) has nothing to delete.
/// </summary>
internal static class IdleRows
{
    public static async Task<int> DeleteWrittenBeforeAsync(TableClient table, DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        try
        {
            return await DeleteAsync(table, cutoff, max, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            return 0;
        }
    }

    private static async Task<int> DeleteAsync(TableClient table, DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"Timestamp lt {cutoff}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, RequestLog.OpenPageSize, ["PartitionKey", "RowKey"], cancellationToken))
        {
            if (deleted == max)
            {
                break;
            }

            try
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone, or written since the scan read it: not idle any more.
            }
        }

        return deleted;
    }
}
