using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Redeploy.Core.Storage;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The table of GitHub deployments by request (partition = stack uid, row = request id): what was created and which
/// state was last posted, so that a message handled again posts nothing twice. Writes are ETag-conditional.
/// </summary>
public sealed class GitHubDeploymentLog(TableServiceClient tables, GitHubOptions options) : IRetentionStep
{
    private readonly TableClient table = tables.GetTableClient(options.DeploymentsTable);
    private volatile bool created;

    public async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        created = true;
    }

    /// <summary>Rows not written for the retention period: their deployments' statuses were posted long ago.</summary>
    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(table, TableSweep.WrittenBefore(cutoff), max, cancellationToken);

    internal async Task<GitHubDeployments?> GetAsync(string stackUid, string requestId, CancellationToken cancellationToken)
    {
        if (!created)
        {
            await CreateTableAsync(cancellationToken);
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(stackUid, requestId, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return new GitHubDeployments(stackUid, requestId, Targets(entity)) { ETag = entity.ETag };
    }

    /// <summary>
    /// The rows of <paramref name="requestIds"/> in one query over the stack's partition (the request list reads the
    /// requests' partition the same way); requests without GitHub deployments are not in the answer.
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, GitHubDeployments>> ListAsync(
        string stackUid, IReadOnlyCollection<string> requestIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, GitHubDeployments>(StringComparer.Ordinal);
        if (requestIds.Count == 0)
        {
            return found;
        }

        if (!created)
        {
            await CreateTableAsync(cancellationToken);
        }

        var wanted = requestIds.ToHashSet(StringComparer.Ordinal);
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {stackUid}"), select: ["RowKey", "Targets"], cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            if (wanted.Contains(entity.RowKey))
            {
                found[entity.RowKey] = new GitHubDeployments(stackUid, entity.RowKey, Targets(entity)) { ETag = entity.ETag };
            }
        }

        return found;
    }

    /// <summary>Inserts (an empty ETag) or replaces the row if nobody changed it since it was read; null when somebody did.</summary>
    internal async Task<GitHubDeployments?> TrySaveAsync(GitHubDeployments deployments, CancellationToken cancellationToken)
    {
        if (!created)
        {
            await CreateTableAsync(cancellationToken);
        }

        var entity = new TableEntity(deployments.StackUid, deployments.RequestId)
        {
            ["Targets"] = JsonSerializer.Serialize(deployments.Targets, CoreJsonContext.Default.IReadOnlyListGitHubDeploymentTarget),
        };
        try
        {
            var response = deployments.ETag == default
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, deployments.ETag, TableUpdateMode.Replace, cancellationToken);
            return deployments with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    private static IReadOnlyList<GitHubDeploymentTarget> Targets(TableEntity entity) =>
        JsonSerializer.Deserialize(entity.GetString("Targets") ?? "[]", CoreJsonContext.Default.IReadOnlyListGitHubDeploymentTarget) ?? [];
}
