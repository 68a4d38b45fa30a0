namespace Redeploy.Core.Stacks;

/// <summary>What makes a stack deploy (CONTRACT §9): every matching push, or a push once CI has passed on its commit.</summary>
public enum DeployOn
{
    Push,
    Ci,
}
