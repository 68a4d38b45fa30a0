using Azure;
using Azure.Data.Tables;

namespace Redeploy.Core.Storage;

/// <summary>
/// Deletes the rows of a table that a filter selects, for the retention: keys only, one delete each, conditional on the
/// row as the scan read it (a row written since is left). A table not created yet (GitHub's, before its first
/// deployment) has nothing to delete.
/// </summary>
internal static class TableSweep
{
    /// <summary>Keys per page of the scan: well inside one call's timeout on a busy storage.</summary>
    private const int PageSize = 200;

    /// <summary>A filter on the service's own last-write time.</summary>
    public static string WrittenBefore(DateTimeOffset cutoff) => TableClient.CreateQueryFilter($"Timestamp lt {cutoff}");

    public static async Task<int> DeleteAsync(TableClient table, string filter, int max, CancellationToken cancellationToken)
    {
        try
        {
            return await DeleteMatchingAsync(table, filter, max, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            return 0;
        }
    }

    private static async Task<int> DeleteMatchingAsync(TableClient table, string filter, int max, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, PageSize, ["PartitionKey", "RowKey"], cancellationToken))
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
                // Gone, or written since the scan read it: left to the next sweep.
            }
        }

        return deleted;
    }
}
