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
    private readonly Window storage = new();
    private readonly ConcurrentDictionary<(string Stack, string Sender, string Check), Window> signatures = new();

    /// <summary>Ignored deliveries by stack and sender, refused ones by stack and status: only callers holding a stack's token reach them.</summary>
    private readonly ConcurrentDictionary<(string Stack, string Sender, int Status), Window> deliveries = new();

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

    /// <summary>A delivery ignored (a ping, another event): information, once a minute per stack and sender.</summary>
    public void Ignored(string sender, string stack, string reason)
    {
        var window = deliveries.GetOrAdd((stack, sender, 0), _ => new Window());
        if (window.Admit(time, out var leftOut))
        {
            Log.Ignored(logger, sender, stack, LogText.Safe(reason), leftOut);
        }
    }

    /// <summary>A delivery refused with a 4xx naming what is wrong: once a minute per stack and status.</summary>
    public void Refused(string stack, int status, string detail)
    {
        var window = deliveries.GetOrAdd((stack, "", status), _ => new Window());
        if (window.Admit(time, out var leftOut))
        {
            Log.Refused(logger, stack, status, LogText.Safe(detail), leftOut);
        }
    }

    /// <summary>Storage failing under the intake: the error with its exception once a minute, however many calls it fails.</summary>
    public void StorageUnavailable(Exception exception, string stackUid)
    {
        if (storage.Admit(time, out var leftOut))
        {
            Log.IntakeStorageUnavailable(logger, exception, LogText.Safe(stackUid), leftOut);
        }
    }

    /// <summary>
    /// One kind's window. A rejection inside the window only counts itself, without a lock: under a flood of wrong
    /// signatures every call meets the same window, and a lock there made the callers queue behind each other (and behind
    /// a holder the scheduler had paused) on a loaded machine.
    /// </summary>
    private sealed class Window
    {
        private readonly Lock gate = new();
        private long lastLogged = long.MinValue;
        private int leftOut;

        /// <summary>True when this rejection is to be logged, with how many were left out since the last one logged.</summary>
        public bool Admit(TimeProvider time, out int leftOutBefore)
        {
            var now = time.GetTimestamp();
            leftOutBefore = 0;
            if (InWindow(time, Volatile.Read(ref lastLogged), now))
            {
                Interlocked.Increment(ref leftOut);
                return false;
            }

            lock (gate)
            {
                if (InWindow(time, lastLogged, now))
                {
                    Interlocked.Increment(ref leftOut);
                    return false;
                }

                leftOutBefore = Interlocked.Exchange(ref leftOut, 0);
                Volatile.Write(ref lastLogged, now);
                return true;
            }
        }

        private static bool InWindow(TimeProvider time, long last, long now) =>
            last != long.MinValue && time.GetElapsedTime(last, now) < Interval;
    }
}
