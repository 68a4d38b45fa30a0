namespace Redeploy.Cli.StackFiles;

/// <summary>What <c>stacks apply</c> did to one stack.</summary>
public enum StackChange
{
    Created,
    Updated,
    Unchanged,
}
