using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.Intake;
using Redeploy.Tests.Integration;
using Xunit;

namespace Redeploy.Tests.Intake;

public sealed class RejectionLogTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<HookIntake> logger = new();

    [Fact]
    public void NotFound_ManyWithinAMinute_LogsTheFirstThenOneCountingTheRest()
    {
        var log = new RejectionLog(logger, time);

        for (var call = 0; call < 500; call++)
        {
            log.NotFound();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 500 calls over 50 s: one warning. The next one after the minute says how many were left out.
        Assert.Single(Warnings("1004"));
        time.Advance(RejectionLog.Interval);
        log.NotFound();
        Assert.Equal(["0", "499"], Warnings("1004").Select(LeftOut));
    }

    [Fact]
    public void SignatureRejected_EachStackSenderAndCheck_HasItsOwnWindow()
    {
        var log = new RejectionLog(logger, time);

        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");
        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");
        log.SignatureRejected("GitHub", "shop", "MissingSignature");
        log.SignatureRejected("GitHub", "blog", "SignatureMismatch");
        log.SignatureRejected("GitLab", "shop", "SignatureMismatch");

        var lines = Warnings("1005");
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.Contains("stack shop: MissingSignature", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GitLab delivery for stack shop", StringComparison.Ordinal));
    }

    [Fact]
    public void SignatureRejected_ConcurrentCallsInOneWindow_EachCountedOnce()
    {
        var log = new RejectionLog(logger, time);

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => log.SignatureRejected("GitHub", "shop", "SignatureMismatch"));
        time.Advance(RejectionLog.Interval);
        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");

        Assert.Equal(["0", "19999"], Warnings("1005").Select(LeftOut));
    }

    [Fact]
    public void SignatureRejected_AfterTheInterval_LogsAgain()
    {
        var log = new RejectionLog(logger, time);

        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");
        time.Advance(RejectionLog.Interval - TimeSpan.FromSeconds(1));
        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");
        time.Advance(TimeSpan.FromSeconds(1));
        log.SignatureRejected("GitHub", "shop", "SignatureMismatch");

        Assert.Equal(["0", "1"], Warnings("1005").Select(LeftOut));
    }

    [Fact]
    public void Refused_DetailFromTheRequest_EscapedCutAndThrottled()
    {
        var log = new RejectionLog(logger, time);
        var forged = "content type 'text/x\r\nWarning 1004 Refused a hook call" + new string('x', 5_000) + "' is not supported";

        for (var call = 0; call < 100; call++)
        {
            log.Refused("shop", 415, forged);
        }

        var line = Assert.Single(logger.Lines, l => l.StartsWith("Information 1006 ", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.Contains("text/x\\r\\nWarning", line);
        Assert.True(line.Length < 400, $"{line.Length} characters");
        time.Advance(RejectionLog.Interval);
        log.Refused("shop", 415, forged);
        Assert.Contains("(99 more", logger.Lines.Last(l => l.StartsWith("Information 1006 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ignored_ManyEvents_OneLinePerStackAndSenderAMinute()
    {
        var log = new RejectionLog(logger, time);

        for (var call = 0; call < 100; call++)
        {
            log.Ignored("GitHub", "shop", $"event 'issues{call}' is not a push");
        }

        log.Ignored("GitLab", "shop", "GitLab event 'Note Hook' is not a push");

        Assert.Equal(2, logger.Lines.Count(l => l.StartsWith("Information 1002 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void StorageUnavailable_ManyFailures_OneErrorAMinute()
    {
        var log = new RejectionLog(logger, time);

        for (var call = 0; call < 50; call++)
        {
            log.StorageUnavailable(new IOException("down"), "uid\nforged");
        }

        var line = Assert.Single(logger.Lines, l => l.StartsWith("Error 1007 ", StringComparison.Ordinal));
        Assert.Contains("uid\\nforged", line);
    }

    private List<string> Warnings(string eventId) =>
        logger.Lines.Where(l => l.StartsWith($"Warning {eventId} ", StringComparison.Ordinal)).ToList();

    private static string LeftOut(string line)
    {
        var start = line.IndexOf(" (", StringComparison.Ordinal) + 2;
        return line[start..line.IndexOf(' ', start)];
    }
}
