using System.Text.Json.Serialization;

namespace Redeploy.Core.Matching;

/// <summary>What the rules decided for one request: deploy some services, or skip with a reason.</summary>
public abstract record Decision;

/// <summary>Deploy these services. A Classic stack deploys as one entry named after the stack.</summary>
public sealed record DeployDecision(IReadOnlyList<ServiceDeployment> Services) : Decision;

/// <summary>Nothing deploys; <see cref="Reason"/> names what was seen and what the stack tracks.</summary>
internal sealed record SkipDecision(string Reason) : Decision;

/// <summary>One deployed service: built at <see cref="Commit"/>, or from <see cref="Branch"/>; neither for an image service.</summary>
public sealed record ServiceDeployment(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Commit = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Branch = null);
