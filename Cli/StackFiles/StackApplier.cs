using Redeploy.Core.Deployments;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.StackFiles;

/// <summary>
/// Makes the stored stacks match a stack file. A new stack gets a uid and a token; an existing one keeps its uid, tokens
/// and settings, and takes the file's definition and secret (no secret in the file removes the stored one; a
/// <c>keyvault:</c> secret is stored as its name alone). Stacks
/// missing from the file are left alone. Nothing is written when nothing changes, nor when any secret cannot be read.
/// </summary>
public sealed class StackApplier(TableStackStore stacks, Func<string, string?> environment)
{
    /// <summary>Resolves every secret first; returns the errors and writes nothing if one is missing.</summary>
    public async Task<(IReadOnlyList<AppliedStack> Stacks, IReadOnlyList<StackFileError> Errors, IReadOnlyList<StackFileError> Warnings)> ApplyAsync(
        StackFileRead file, CancellationToken cancellationToken)
    {
        var errors = new List<StackFileError>();
        var warnings = new List<StackFileError>();
        var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
        var vaultNames = new Dictionary<string, string?>(StringComparer.Ordinal);
        var deployers = new Dictionary<string, DeployerTarget>(StringComparer.Ordinal);
        foreach (var declared in file.Stacks)
        {
            var name = declared.Definition.Name;
            deployers[name] = ResolveDeployer(declared.Deployer, file.File, errors, warnings);
            if (declared.Secret is not { } secret)
            {
                secrets[name] = null;
                continue;
            }

            vaultNames[name] = secret.KeyVaultName;
            secrets[name] = secret.Resolve(file.File, environment, out var error);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (secret.Literal is not null)
            {
                warnings.Add(new StackFileError(file.File, secret.Line, secret.Field, $"a literal secret: anyone who reads the file knows it; prefer {SecretReference.EnvironmentPrefix}NAME"));
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors, warnings);
        }

        var applied = new List<AppliedStack>();
        foreach (var declared in file.Stacks)
        {
            var name = declared.Definition.Name;
            applied.Add(await ApplyAsync(declared.Definition, secrets[name], vaultNames.GetValueOrDefault(name), deployers[name], cancellationToken));
        }

        return (applied, [], warnings);
    }

    private DeployerTarget ResolveDeployer(DeployerDeclaration? declared, string file, List<StackFileError> errors, List<StackFileError> warnings)
    {
        if (declared?.Target is { } target)
        {
            return target;
        }

        if (declared is not { Kind: WebhookTarget.KindName, Url: { } url, Secret: { } reference })
        {
            return QueueTarget.Instance;
        }

        var secret = reference.Resolve(file, environment, out var error);
        if (error is not null)
        {
            errors.Add(error);
        }
        else if (reference.Literal is not null)
        {
            warnings.Add(new StackFileError(file, reference.Line, reference.Field, $"a literal secret: anyone who reads the file knows it; prefer {SecretReference.EnvironmentPrefix}NAME"));
        }

        return new WebhookTarget(url, secret ?? string.Empty);
    }

    private async Task<AppliedStack> ApplyAsync(Stack definition, string? secret, string? vaultName, DeployerTarget deployer, CancellationToken cancellationToken)
    {
        var existing = await stacks.FindByNameAsync(definition.Name, cancellationToken);
        if (existing is null)
        {
            var (issued, token) = StackTokens.NewStack(definition, secret);
            var created = issued with { WebhookSecretKeyVaultName = vaultName, Deployer = deployer };
            await stacks.SaveAsync(created, existing: null, cancellationToken);
            return new AppliedStack(created, StackChange.Created, token);
        }

        if (SameDefinition(existing.Definition, definition) && existing.WebhookSecret == secret && existing.WebhookSecretKeyVaultName == vaultName
            && existing.Deployer == deployer)
        {
            return new AppliedStack(existing, StackChange.Unchanged, null);
        }

        var updated = existing with { Definition = definition, WebhookSecret = secret, WebhookSecretKeyVaultName = vaultName, Deployer = deployer };
        await stacks.SaveAsync(updated, existing, cancellationToken);
        return new AppliedStack(updated, StackChange.Updated, null, existing);
    }

    // Records compare lists by reference: compare the services one by one.
    public static bool SameDefinition(Stack a, Stack b) =>
        a.Name == b.Name && a.Kind == b.Kind && a.Git == b.Git && a.Services.SequenceEqual(b.Services) && a.Deploy == b.Deploy;
}
