using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Redeploy.Core.GitHub;

/// <summary>
/// The table of GitHub deployments by request (partition = stack uid, row = request id): what was created and which
/// state was last posted, so that a message handled again posts nothing twice. Writes are ETag-conditional.
/// </summary>
public sealed class GitHubDeploymentLog(TableServiceClient tables, GitHubOptions options)
{
    private readonly TableClient table = tables.GetTableClient(options.DeploymentsTable);
    private volatile bool created;

    public async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        created = true;
    }

    public async Task<GitHubDeployments?> GetAsync(string stackUid, string requestId, CancellationToken cancellationToken)
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
        var targets = JsonSerializer.Deserialize(entity.GetString("Targets") ?? "[]", CoreJsonContext.Default.IReadOnlyListGitHubDeploymentTarget) ?? [];
        return new GitHubDeployments(stackUid, requestId, targets) { ETag = entity.ETag };
    }

    /// <summary>Inserts (an empty ETag) or replaces the row if nobody changed it since it was read; null when somebody did.</summary>
    public async Task<GitHubDeployments?> TrySaveAsync(GitHubDeployments deployments, CancellationToken cancellationToken)
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
}
