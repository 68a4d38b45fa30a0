using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Storage;

/// <summary>
/// Stacks in Table Storage: one partition per stack uid (row "stack" plus one row per service), so one query loads a
/// stack with its services; a partition "names" maps each stack name to its uid.
/// </summary>
public sealed class TableStackStore(TableServiceClient tables, RedeployOptions options)
{
    private const string StackRow = "stack";
    private const string ServiceRowPrefix = "service:";
    private const string NamesPartition = "names";

    private readonly TableClient table = tables.GetTableClient(options.StacksTable);

    /// <summary>The uids of this table's stacks as this process knows them: a save through any store adds its uid at once.</summary>
    internal KnownStackUids KnownUids => field ??= KnownStackUids.For(table.Uri);

    public Task CreateTableAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<StoredStack?> FindByUidAsync(string uid, CancellationToken cancellationToken)
    {
        TableEntity? stackRow = null;
        var serviceRows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {uid}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == StackRow)
            {
                stackRow = row;
            }
            else if (row.RowKey.StartsWith(ServiceRowPrefix, StringComparison.Ordinal))
            {
                serviceRows.Add(row);
            }
        }

        return stackRow is null ? null : StackEntities.ToStoredStack(uid, stackRow, serviceRows);
    }

    /// <summary>The uid of every stack: the keys of the stack rows only, in one query.</summary>
    internal async IAsyncEnumerable<string> ListUidsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StackRow}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return row.PartitionKey;
        }
    }

    public async Task<StoredStack?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var index = await table.GetEntityIfExistsAsync<TableEntity>(NamesPartition, name, cancellationToken: cancellationToken);
        return index.HasValue && index.Value!.GetString("Uid") is { } uid ? await FindByUidAsync(uid, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<StoredStack>> ListAsync(CancellationToken cancellationToken)
    {
        var stacks = new List<StoredStack>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NamesPartition}");
        await foreach (var index in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (index.GetString("Uid") is { } uid && await FindByUidAsync(uid, cancellationToken) is { } stack)
            {
                stacks.Add(stack);
            }
        }

        return stacks;
    }

    /// <summary>Creates or replaces a stack with its services in one transaction, removing services no longer defined.</summary>
    public async Task SaveAsync(StoredStack stack, CancellationToken cancellationToken) =>
        await SaveAsync(stack, await FindByUidAsync(stack.Uid, cancellationToken), cancellationToken);

    /// <summary>
    /// Saves <paramref name="stack"/> over <paramref name="existing"/>, the stored version the caller has just read (null
    /// for a new stack), so that it is not read again to find the services and name to remove.
    /// </summary>
    /// <exception cref="ArgumentException">The definition breaks a rule of <see cref="StackRules"/>: nothing is written.</exception>
    public async Task SaveAsync(StoredStack stack, StoredStack? existing, CancellationToken cancellationToken)
    {
        if (StackRules.Problems(stack.Definition) is { Count: > 0 } problems)
        {
            throw new ArgumentException($"the stack is not valid: {string.Join("; ", problems)}", nameof(stack));
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, StackEntities.FromStack(stack, StackRow)),
        };
        actions.AddRange(stack.Definition.Services.Select((service, order) =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, StackEntities.FromService(stack.Uid, ServiceRowPrefix + service.Name, service, order))));
        if (existing is not null)
        {
            actions.AddRange(existing.Definition.Services
                .Where(old => stack.Definition.FindService(old.Name) is null)
                .Select(old => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(stack.Uid, ServiceRowPrefix + old.Name), ETag.All)));
        }

        // A transaction holds at most 100 actions; the stack row goes in the first one.
        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        KnownUids.Add(stack.Uid);

        await table.UpsertEntityAsync(new TableEntity(NamesPartition, stack.Name) { ["Uid"] = stack.Uid }, TableUpdateMode.Replace, cancellationToken);
        if (existing is not null && existing.Name != stack.Name)
        {
            await table.DeleteEntityAsync(NamesPartition, existing.Name, ETag.All, cancellationToken);
        }
    }

    internal static string SerializeSettings(IReadOnlyDictionary<string, string> settings) =>
        JsonSerializer.Serialize(settings, CoreJsonContext.Default.IReadOnlyDictionaryStringString);
}
