using System.Text.Json;
using Azure.Data.Tables;
using Redeploy.Core.Stacks;

namespace Redeploy.Core.Storage;

/// <summary>The mapping between <see cref="StoredStack"/> and its table rows.</summary>
internal static class StackEntities
{
    public static TableEntity FromStack(StoredStack stack, string rowKey)
    {
        var entity = new TableEntity(stack.Uid, rowKey)
        {
            ["Name"] = stack.Name,
            ["Kind"] = stack.Definition.Kind.ToString(),
            ["Repository"] = stack.Definition.Git?.Repository,
            ["Branch"] = stack.Definition.Git?.Branch,
            ["WebhookSecret"] = stack.WebhookSecret,
            ["WebhookSecretKeyVault"] = stack.WebhookSecretKeyVaultName,
            ["Settings"] = TableStackStore.SerializeSettings(stack.Settings),
            ["DeployOn"] = stack.Definition.Deploy.On == DeployOn.Push ? null : stack.Definition.Deploy.On.ToString(),
            ["DeployChecks"] = stack.Definition.Deploy.Checks.Count == 0 ? null : JsonSerializer.Serialize(stack.Definition.Deploy.Checks, CoreJsonContext.Default.IReadOnlyListString),
            ["Deployer"] = stack.Deployer is QueueTarget ? null : JsonSerializer.Serialize(stack.Deployer, CoreJsonContext.Default.DeployerTarget),
        };
        for (var i = 0; i < stack.Tokens.Count; i++)
        {
            entity[$"TokenHash{i}"] = stack.Tokens[i].Hash;
            entity[$"TokenExpires{i}"] = stack.Tokens[i].ExpiresAt;
        }

        return entity;
    }

    public static TableEntity FromService(string uid, string rowKey, Service service, int order) => new(uid, rowKey)
    {
        ["Name"] = service.Name,
        ["Order"] = order,
        ["Repository"] = service.Git?.Repository,
        ["Branch"] = service.Git?.Branch,
        ["Image"] = service.Image,
    };

    public static StoredStack ToStoredStack(string uid, TableEntity stackRow, IEnumerable<TableEntity> serviceRows)
    {
        var services = serviceRows
            .OrderBy(row => row.GetInt32("Order") ?? int.MaxValue)
            .Select(row => new Service(row.GetString("Name")!, Git(row), row.GetString("Image")))
            .ToList();
        var kind = Enum.Parse<StackKind>(stackRow.GetString("Kind") ?? nameof(StackKind.Docker));
        var definition = new Stack(stackRow.GetString("Name")!, kind, services, Git(stackRow)) { Deploy = Deploy(stackRow) };

        var tokens = new List<TokenHash>();
        for (var i = 0; stackRow.GetString($"TokenHash{i}") is { } hash; i++)
        {
            tokens.Add(new TokenHash(hash, stackRow.GetDateTimeOffset($"TokenExpires{i}")));
        }

        var settings = stackRow.GetString("Settings") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.DictionaryStringString) ?? []
            : new Dictionary<string, string>();
        return new StoredStack(uid, definition, tokens, stackRow.GetString("WebhookSecret"), settings)
        {
            WebhookSecretKeyVaultName = stackRow.GetString("WebhookSecretKeyVault"),
            Deployer = stackRow.GetString("Deployer") is { Length: > 0 } deployer
                ? JsonSerializer.Deserialize(deployer, CoreJsonContext.Default.DeployerTarget) ?? QueueTarget.Instance
                : QueueTarget.Instance,
        };
    }

    private static DeployRule Deploy(TableEntity row) =>
        Enum.TryParse<DeployOn>(row.GetString("DeployOn"), out var on) && on == DeployOn.Ci
            ? DeployRule.OnCi(row.GetString("DeployChecks") is { Length: > 0 } checks ? JsonSerializer.Deserialize(checks, CoreJsonContext.Default.IReadOnlyListString) ?? [] : [])
            : DeployRule.OnPush;

    private static GitSource? Git(TableEntity row) =>
        row.GetString("Repository") is { } repository && row.GetString("Branch") is { } branch ? new GitSource(repository, branch) : null;
}
