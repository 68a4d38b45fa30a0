using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Redeploy.Core.Intake;

/// <summary>
/// The warnings for refused hook calls: the first of a kind is logged at once, then at most one per <see cref="Interval"/>,
/// counting the ones left out. Someone posting at hook URLs cannot fill the log, and a Git host with a stale secret still
/// shows once a minute. The kinds stay few: one for every unknown stack or wrong token, and one per stack, sender and
/// signature check, which only a caller holding the stack's token reaches.
/// </summary>
internal sealed class RejectionLog(ILogger logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Window notFound = new();
    private readonly ConcurrentDictionary<(string Stack, string Sender, string Check), Window> signatures = new();

    public void NotFound()
    {
        if (notFound.Admit(time, out var leftOut))
        {
            Log.NotFound(logger, leftOut);
        }
    }

    public void SignatureRejected(string sender, string stack, string check)
    {
        var window = signatures.GetOrAdd((stack, sender, check), _ => new Window());
        if (window.Admit(time, out var leftOut))
        {
            Log.SignatureRejected(logger, sender, stack, check, leftOut);
        }
    }

    private sealed class Window
    {
        private readonly Lock gate = new();
        private long? lastLogged;
        private int leftOut;

        /// <summary>True when this rejection is to be logged, with how many were left out since the last one logged.</summary>
        public bool Admit(TimeProvider time, out int leftOutBefore)
        {
            var now = time.GetTimestamp();
            lock (gate)
            {
                leftOutBefore = 0;
                if (lastLogged is { } last && time.GetElapsedTime(last, now) < Interval)
                {
                    leftOut++;
                    return false;
                }

                leftOutBefore = leftOut;
                leftOut = 0;
                lastLogged = now;
                return true;
            }
        }
    }
}
