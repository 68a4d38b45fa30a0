using Microsoft.Extensions.Logging;

namespace Redeploy.Cli.Output;

/// <summary>
/// Core's log lines in a command: warnings and errors to stderr, as <c>warning:</c> and <c>error:</c> lines (a failed
/// rollback in <c>redeploy</c>, a GitHub outbox message that could not be written); anything less is dropped.
/// </summary>
public sealed class CliLoggerProvider(CliOutput output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CliLogger(output);

    public void Dispose()
    {
    }

    private sealed class CliLogger(CliOutput output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (logLevel == LogLevel.Warning)
            {
                output.Warning(message);
            }
            else
            {
                output.Fail(message);
            }
        }
    }
}
