namespace Redeploy.Core.GitHub;

/// <summary>What <c>continuous.deploy true</c> did to one repository's webhook.</summary>
public enum HookSyncResult
{
    Created,
    Updated,
    Unchanged,
}
