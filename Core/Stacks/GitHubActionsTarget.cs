using System.Text.Json.Serialization;

namespace Redeploy.Core.Stacks;

/// <summary>
/// A GitHub Actions workflow as the deployer (CONTRACT §7, §8): each job is a <c>workflow_dispatch</c> of
/// <see cref="Workflow"/> (its file name or id) at <see cref="Ref"/> in <see cref="Repository"/> (<c>owner/name</c>), with
/// the GitHub credentials of <c>Redeploy:GitHub</c>.
/// </summary>
public sealed record GitHubActionsTarget(
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("workflow")] string Workflow,
    [property: JsonPropertyName("ref")] string Ref) : DeployerTarget
{
    public const string KindName = "github-actions";

    [JsonIgnore]
    public override string Kind => KindName;

    public override string Describe() => $"{KindName} {Repository} {Workflow}@{Ref}";

    /// <summary>
    /// True for <c>owner/name</c> as GitHub allows them (letters, digits, '-', '_', '.'; not "." or ".."), which also keeps
    /// them safe in an API path.
    /// </summary>
    public static bool IsRepository(string value) =>
        value.Split('/') is [var owner, var name] && IsSegment(owner) && IsSegment(name);

    /// <summary>A workflow file name (<c>deploy.yml</c>) or a workflow id: one path segment, no control characters.</summary>
    public static bool IsWorkflow(string value) =>
        value.Length is > 0 and <= 255 && !value.Contains('/') && !value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && value.Trim() == value;

    /// <summary>A branch or tag to run the workflow from: at most 255 characters, no control characters or spaces around.</summary>
    public static bool IsRef(string value) =>
        value.Length is > 0 and <= 255 && !value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && value.Trim() == value;

    private static bool IsSegment(string segment) =>
        segment.Length is > 0 and <= 100 && segment is not ("." or "..")
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
