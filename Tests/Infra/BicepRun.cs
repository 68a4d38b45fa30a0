namespace Redeploy.Tests.Infra;

public sealed record BicepRun(int ExitCode, string Output, string Error);
