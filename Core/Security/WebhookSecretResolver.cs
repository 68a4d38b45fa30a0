using Redeploy.Core.Storage;

namespace Redeploy.Core.Security;

/// <summary>
/// A stack's webhook secret as the signature check needs it: stored with the stack, or, for <c>secret:
/// keyvault:NAME</c>, read from Key Vault. The stack stores only the name; the value lives in memory, in the copy
/// handed to the check.
/// </summary>
public sealed class WebhookSecretResolver(KeyVaultSecrets vault)
{
    /// <summary>The stack with its secret's value; null when its Key Vault secret cannot be read now (the caller answers 503).</summary>
    public async ValueTask<StoredStack?> ResolveAsync(StoredStack stack, CancellationToken cancellationToken)
    {
        if (stack.WebhookSecretKeyVaultName is not { } name)
        {
            return stack;
        }

        return await vault.GetAsync(name, cancellationToken) is { } value ? stack with { WebhookSecret = value } : null;
    }
}
