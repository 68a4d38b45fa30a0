namespace Redeploy.Cli.StackFiles;

/// <summary>Something wrong in a stack file, where it is: "stacks.yaml:12: stacks[0].services[1].git.branch: required".</summary>
public sealed record StackFileError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}
