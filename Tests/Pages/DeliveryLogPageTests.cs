using Redeploy.Core.Matching;
using Redeploy.Core.Pages;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Pages;

public sealed class DeliveryLogPageTests
{
    private const string Sha = "9f3c1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_ValuesFromARequest_AreEscapedEverywhere()
    {
        const string hostile = "<img src=x onerror=alert(1)>\"'&";
        var record = Record(RequestStatus.Skipped, reason: $"pushed {hostile}") with
        {
            Pushes = [new PushRecord($"https://github.com/acme/{hostile}", hostile, null)],
            Services = [new ServiceDeployment(hostile, Branch: hostile)],
        };

        var html = DeliveryLogPage.Render($"shop{hostile}", [record], Now);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("\"'&<", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;", html);
    }

    [Fact]
    public void Render_RepositoryThatIsNotAWebAddress_IsTextNotALink()
    {
        var record = Record(RequestStatus.Dispatched) with { Pushes = [new PushRecord("javascript:alert(1)", "main", Sha)] };

        var html = DeliveryLogPage.Render("shop", [record], Now);

        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Contains("alert(1)", html);
    }

    [Fact]
    public void Render_GitHubPush_ShowsRepositoryBranchAndLinkedShortCommit()
    {
        var record = Record(RequestStatus.Dispatched) with
        {
            Pushes = [new PushRecord("https://github.com/acme/shop", "main", Sha)],
            Services = [new ServiceDeployment("web", Sha), new ServiceDeployment("api", Branch: "develop"), new ServiceDeployment("redis")],
        };

        var html = DeliveryLogPage.Render("shop", [record], Now);

        Assert.Contains(">github.com/acme/shop</a>", html);
        Assert.Contains("<code>main</code>", html);
        Assert.Contains($"<a href=\"https://github.com/acme/shop/commit/{Sha}\" rel=\"noreferrer noopener\">9f3c1a2</a>", html);
        Assert.Contains("<b>web</b> at <code>9f3c1a2</code>", html);
        Assert.Contains("<b>api</b> from <code>develop</code>", html);
        Assert.Contains("✓ dispatched", html);
    }

    [Fact]
    public void Render_RequestNotFinal_RefreshesItself()
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Dispatched), Record(RequestStatus.Queued)], Now);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html);
    }

    [Theory]
    [InlineData(RequestStatus.Delivering)]
    [InlineData(RequestStatus.Deploying)]
    public void Render_DeploymentUnderWay_RefreshesItself(RequestStatus status)
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Succeeded), Record(status)], Now);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html);
    }

    [Fact]
    public void Render_EveryRequestFinal_DoesNotRefresh()
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Dispatched), Record(RequestStatus.Skipped, reason: "no match")], Now);

        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
    }

    [Fact]
    public void Render_NoRequests_SaysSo()
    {
        var html = DeliveryLogPage.Render("shop", [], Now);

        Assert.Contains("Nothing has been sent to this hook yet.", html);
        Assert.DoesNotContain("<ol>", html);
    }

    [Fact]
    public void Render_RecordWithoutPushes_ShowsItsSummary()
    {
        var html = DeliveryLogPage.Render("shop", [Record(RequestStatus.Dispatched) with { Summary = "manual @ 9f3c1a2" }], Now);

        Assert.Contains("manual @ 9f3c1a2", html);
    }

    [Fact]
    public void Answer_Page_HasTheHeadersOfCONTRACT11AndAStyleAllowedByItsHash()
    {
        var answer = DeliveryLogPage.Answer("shop", [Record(RequestStatus.Dispatched)], Now);

        Assert.Equal("text/html; charset=utf-8", answer.ContentType);
        Assert.Equal("no-store", answer.Headers["Cache-Control"]);
        Assert.Equal("no-referrer", answer.Headers["Referrer-Policy"]);
        Assert.Equal("nosniff", answer.Headers["X-Content-Type-Options"]);
        var policy = answer.Headers["Content-Security-Policy"];
        Assert.StartsWith("default-src 'none'; ", policy);
        Assert.Contains("img-src data:", policy);
        var html = System.Text.Encoding.UTF8.GetString(answer.Body.Span);
        var css = html[(html.IndexOf("<style>", StringComparison.Ordinal) + 7)..html.IndexOf("</style>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(css)));
        Assert.Contains($"style-src 'sha256-{hash}'", policy);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Theory]
    [InlineData(2, "just now")]
    [InlineData(42, "42 s ago")]
    [InlineData(5 * 60 + 10, "5 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(12 * 86400, "12 d ago")]
    public void Relative_Age_ReadsLikeAPerson(int seconds, string expected) =>
        Assert.Equal(expected, DeliveryLogPage.Relative(Now.AddSeconds(-seconds), Now));

    private static RequestRecord Record(RequestStatus status, string? reason = null) =>
        new("0123456789abcdef0123456789abcdef", Guid.NewGuid().ToString("N"), "shop", status, Now.AddMinutes(-3), "GitHub", null, "main@9f3c1a2", true, reason);
}
