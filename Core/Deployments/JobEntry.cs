namespace Redeploy.Core.Deployments;

/// <summary>A job's row in the jobs table: whose request it is, and the SHA-256 hashes of its callback tokens.</summary>
public sealed record JobEntry(string JobId, string StackUid, IReadOnlyList<string> TokenHashes);
