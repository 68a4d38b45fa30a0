namespace Redeploy.Core.Stacks;

/// <summary>A service of a Docker stack: Git-sourced (<see cref="Git"/>) or image-sourced (<see cref="Image"/>).</summary>
public sealed record Service(string Name, GitSource? Git = null, string? Image = null)
{
    public bool IsGitSourced => Git is not null;
}
