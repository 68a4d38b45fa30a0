using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Redeploy.Tests.Integration;

/// <summary>Keeps every log line (message and exception text) so a test can read what would have been logged.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            lines.Enqueue(string.Join(' ', values.Select(v => $"{v.Key}={v.Value}")));
        }
    }
}
