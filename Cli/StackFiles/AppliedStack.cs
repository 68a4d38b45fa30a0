using Redeploy.Core.Storage;

namespace Redeploy.Cli.StackFiles;

/// <summary>
/// One stack after <c>stacks apply</c>: as stored, what changed, the token of a new stack (null otherwise), and the stack
/// as it was before an update (null otherwise).
/// </summary>
public sealed record AppliedStack(StoredStack Stack, StackChange Change, string? NewToken, StoredStack? Before = null);
