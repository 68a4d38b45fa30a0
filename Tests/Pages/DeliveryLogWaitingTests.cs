using Redeploy.Core.Pages;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Pages;

/// <summary>The delivery log page with a request that waits for CI (CONTRACT §9 and §11).</summary>
public sealed class DeliveryLogWaitingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_WaitingRequest_ShowsItsReasonAndReloadsEveryMinute()
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Waiting, "waiting for checks e2e on 9f3c1a2"), Record(RequestStatus.Dispatched)], Now);

        Assert.Contains("… waiting", html);
        Assert.Contains("waiting for checks e2e on 9f3c1a2", html);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"{DeliveryLogPage.WaitingRefreshSeconds}\">", html);
        Assert.Contains("while a request waits for CI", html);
    }

    [Fact]
    public void Render_WaitingBesideQueued_ReloadsAtTheFasterPace()
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Waiting, "waiting for CI on 9f3c1a2"), Record(RequestStatus.Queued)], Now);

        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"{DeliveryLogPage.RefreshSeconds}\">", html);
        Assert.DoesNotContain("waits for CI", html);
    }

    private static RequestRecord Record(RequestStatus status, string? reason = null) =>
        new("0123456789abcdef0123456789abcdef", Guid.NewGuid().ToString("N"), "shop", status, Now.AddMinutes(-3), "GitHub", null, "main@9f3c1a2", true, reason);
}
