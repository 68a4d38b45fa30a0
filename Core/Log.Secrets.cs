using Microsoft.Extensions.Logging;

namespace Redeploy.Core;

// Key Vault's lines, in a file of their own (3501...): the secret's name and why it could not be read, never its value.
internal static partial class Log
{
    [LoggerMessage(3501, LogLevel.Error, "Key Vault secret {SecretName} cannot be read: {Reason}; deliveries to the stacks using it are answered 503")]
    public static partial void KeyVaultSecretUnavailable(ILogger logger, string secretName, string reason);
}
