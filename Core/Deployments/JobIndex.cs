using Azure.Data.Tables;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>
/// The jobs table: one row per job (partition = job id), so that a callback URL, which names only the job, finds its
/// request with one point read. Holds hashes of the job's callback tokens, never a token.
/// </summary>
public sealed class JobIndex(TableServiceClient tables, RedeployOptions options) : IRetentionStep
{
    private const string Row = "job";

    // The last two tokens work: a dispatch resumed after a crash issues a new one, and the first job may be out already.
    private const int KeptTokens = 2;

    private readonly TableClient table = tables.GetTableClient(options.JobsTable);

    public Task CreateTableAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Jobs not written for the retention period: their deployments are long over, so are their callbacks.</summary>
    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(table, TableSweep.WrittenBefore(cutoff), max, cancellationToken);

    public async Task<JobEntry?> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(jobId, Row, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var hashes = new List<string>(KeptTokens);
        for (var i = 0; i < KeptTokens && entity.GetString($"TokenHash{i}") is { } hash; i++)
        {
            hashes.Add(hash);
        }

        return new JobEntry(jobId, entity.GetString("StackUid") ?? string.Empty, hashes);
    }

    /// <summary>Adds a token's hash to the job's row, creating it; only the newest <see cref="KeptTokens"/> are kept.</summary>
    public async Task AddTokenAsync(string jobId, string stackUid, string tokenHash, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(jobId, cancellationToken);
        await WriteAsync(jobId, stackUid, (existing?.TokenHashes ?? []).Prepend(tokenHash).Take(KeptTokens).ToList(), cancellationToken);
    }

    /// <summary>
    /// Writes the row of a job that has no earlier token to keep (its first dispatch) with this one, without reading it
    /// first: one storage call instead of two.
    /// </summary>
    public Task AddFirstTokenAsync(string jobId, string stackUid, string tokenHash, CancellationToken cancellationToken) =>
        WriteAsync(jobId, stackUid, [tokenHash], cancellationToken);

    private async Task WriteAsync(string jobId, string stackUid, List<string> hashes, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(jobId, Row) { ["StackUid"] = stackUid };
        for (var i = 0; i < hashes.Count; i++)
        {
            entity[$"TokenHash{i}"] = hashes[i];
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
