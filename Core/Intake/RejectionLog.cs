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

    /// <summary>Ignored and refused deliveries, by stack and sender or status: only callers holding a stack's token reach them.</summary>
    private readonly ConcurrentDictionary<(string Stack, string Kind), Window> deliveries = new();

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
        var window = deliveries.GetOrAdd((stack, "ignored " + sender), _ => new Window());
        if (window.Admit(time, out var leftOut))
        {
            Log.Ignored(logger, sender, stack, LogText.Safe(reason), leftOut);
        }
    }

    /// <summary>A delivery refused with a 4xx naming what is wrong: once a minute per stack and status.</summary>
    public void Refused(string stack, int status, string detail)
    {
        var window = deliveries.GetOrAdd((stack, "refused " + status.ToString(System.Globalization.CultureInfo.InvariantCulture)), _ => new Window());
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
