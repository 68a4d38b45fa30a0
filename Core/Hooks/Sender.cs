namespace Redeploy.Core.Hooks;

/// <summary>Who sent a delivery, as told by its headers and body (CONTRACT §2).</summary>
public enum Sender
{
    Generic,
    GitHub,
    Gitea,
    Forgejo,
    Gogs,
    BitbucketCloud,
    BitbucketServer,
    BitbucketPost,
    GitLab,
    AzureDevOps,
}
