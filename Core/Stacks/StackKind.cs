namespace Redeploy.Core.Stacks;

public enum StackKind
{
    /// <summary>Services, each Git-sourced (repository and branch) or image-sourced.</summary>
    Docker,

    /// <summary>One repository and branch; the stack deploys as one unit.</summary>
    Classic,
}
