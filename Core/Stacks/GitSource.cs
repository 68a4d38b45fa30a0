namespace Redeploy.Core.Stacks;

/// <summary>A repository URL as the user wrote it, and the branch that deploys.</summary>
public sealed record GitSource(string Repository, string Branch);
