namespace Redeploy.Core.Observers;

/// <summary>What a deployer said with its report (CONTRACT §7): all optional, already checked and cut to size by the caller.</summary>
public sealed record DeploymentReport(string? Description = null, string? LogUrl = null, string? EnvironmentUrl = null);
