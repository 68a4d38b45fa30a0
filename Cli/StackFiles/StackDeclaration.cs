using Redeploy.Core.Stacks;

namespace Redeploy.Cli.StackFiles;

/// <summary>One stack as a file declares it: the definition, its secret if any, and where it is in the file.</summary>
public sealed record StackDeclaration(Stack Definition, SecretReference? Secret, int Line)
{
    /// <summary>Where the stack's jobs go; null when the file says nothing (the queue).</summary>
    public DeployerDeclaration? Deployer { get; init; }
}
