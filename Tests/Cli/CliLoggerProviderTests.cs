using Microsoft.Extensions.Logging;
using Redeploy.Cli.Output;

namespace Redeploy.Tests.Cli;

public sealed class CliLoggerProviderTests
{
    [Fact]
    public void Log_WarningsAndErrors_GoToStderrAndNothingElseIsWritten()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var provider = new CliLoggerProvider(new CliOutput(stdout, stderr, rich: false));
        var logger = provider.CreateLogger("Redeploy.Core.Intake.ManualRedeploy");

        logger.LogInformation("request {RequestId} queued", "r1");
        logger.LogWarning("rollback of {RequestId} failed", "r2");
        logger.LogError(new InvalidOperationException("boom"), "storage failed for {RequestId}", "r3");

        Assert.Equal("warning: rollback of r2 failed\nerror: storage failed for r3\n", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(stdout.ToString());
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.False(logger.IsEnabled(LogLevel.None));
    }
}
