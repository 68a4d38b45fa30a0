using System.Text.Json;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Core.Readers;

/// <summary>Tells who sent a delivery (CONTRACT §2): by its headers first, then by a peek at the body's top-level fields.</summary>
internal static class SenderDetector
{
    /// <summary>
    /// The sender of <paramref name="request"/>. <paramref name="root"/> is its JSON payload (the <c>payload</c> field of a
    /// form body), possibly empty, checked and indexed by <see cref="DeliveryReader"/>.
    /// </summary>
    public static Sender Detect(HookRequest request, RootObject root)
    {
        if (ByHeaders(request.Headers) is { } sender)
        {
            return sender;
        }

        var top = Peek(root);
        if (top.CanonUrl && top.Commits)
        {
            return Sender.BitbucketPost;
        }

        return top.EventType && top.PublisherTfs ? Sender.AzureDevOps : Sender.Generic;
    }

    /// <summary>
    /// The sender whose credential the headers carry, before the body is read: a Git host by its event header, else Azure
    /// DevOps when a basic-auth password or <c>X-Redeploy-Secret</c> is sent (and no Standard Webhooks signature), else
    /// the generic sender. Where the body turns out to be another sender's, the intake checks that sender's credential too.
    /// </summary>
    public static Sender ClaimedByHeaders(HookHeaders headers)
    {
        if (ByHeaders(headers) is { } sender)
        {
            return sender;
        }

        var azureDevOpsCredential = headers.Contains("Authorization") || headers.Contains(Security.SignatureVerifier.AzureDevOpsSecretHeader);
        return azureDevOpsCredential && !headers.Contains(Security.StandardWebhooks.SignatureHeader) ? Sender.AzureDevOps : Sender.Generic;
    }

    private static Sender? ByHeaders(HookHeaders headers)
    {
        // Forgejo, Gitea and Gogs also send X-GitHub-Event (and Forgejo X-Gitea-Event, Gitea X-Gogs-Event) so that tools
        // written for GitHub accept them: the most specific header must be looked at first.
        if (headers.Contains("X-Forgejo-Event"))
        {
            return Sender.Forgejo;
        }

        if (headers.Contains("X-Gitea-Event"))
        {
            return Sender.Gitea;
        }

        if (headers.Contains("X-Gogs-Event"))
        {
            return Sender.Gogs;
        }

        if (headers.Contains("X-GitHub-Event"))
        {
            return Sender.GitHub;
        }

        if (headers.Contains("X-Gitlab-Event"))
        {
            return Sender.GitLab;
        }

        if (headers["X-Event-Key"] is { } eventKey)
        {
            return Bitbucket(eventKey, headers);
        }

        return null;
    }

    // Both Bitbucket products name their events in X-Event-Key. Every event of either is recognised here, so that a
    // pull request event is answered "ignored" by its own reader instead of being read as a generic call.
    private static Sender Bitbucket(string eventKey, HookHeaders headers)
    {
        if (eventKey is "repo:refs_changed" or "diagnostics:ping" or "repo:modified" or "repo:forked" or "repo:secret_detected"
            || eventKey.StartsWith("pr:", StringComparison.Ordinal)
            || eventKey.StartsWith("mirror:", StringComparison.Ordinal)
            || eventKey.StartsWith("repo:comment:", StringComparison.Ordinal))
        {
            return Sender.BitbucketServer;
        }

        if (eventKey is "repo:push" or "repo:fork" or "repo:updated" or "repo:transfer" or "repo:created" or "repo:deleted" or "repo:imported"
            || eventKey.StartsWith("repo:commit_", StringComparison.Ordinal)
            || eventKey.StartsWith("pullrequest:", StringComparison.Ordinal)
            || eventKey.StartsWith("issue:", StringComparison.Ordinal))
        {
            return Sender.BitbucketCloud;
        }

        // An event key neither product is known to send: Bitbucket Cloud puts X-Hook-UUID on every delivery, Server never.
        return headers.Contains("X-Hook-UUID") ? Sender.BitbucketCloud : Sender.BitbucketServer;
    }

    /// <summary>Which of the telling top-level fields the body has; nothing is allocated.</summary>
    private static TopLevel Peek(RootObject root)
    {
        var top = default(TopLevel);
        foreach (var property in root)
        {
            if (root.NameIs(property, "canon_url"u8))
            {
                top.CanonUrl = true;
            }
            else if (root.NameIs(property, "commits"u8))
            {
                top.Commits = true;
            }
            else if (root.NameIs(property, "eventType"u8))
            {
                var reader = root.ValueReader(property);
                top.EventType = reader.Read() && reader.TokenType == JsonTokenType.String;
            }
            else if (root.NameIs(property, "publisherId"u8))
            {
                var reader = root.ValueReader(property);
                top.PublisherTfs = reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("tfs"u8);
            }
        }

        return top;
    }

    private struct TopLevel
    {
        public bool CanonUrl;
        public bool Commits;
        public bool EventType;
        public bool PublisherTfs;
    }
}
