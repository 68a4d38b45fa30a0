namespace Redeploy.Cli.StackFiles;

/// <summary>A stack file read: the stacks it declares, or everything wrong with it.</summary>
public sealed record StackFileRead(string File, IReadOnlyList<StackDeclaration> Stacks, IReadOnlyList<StackFileError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
