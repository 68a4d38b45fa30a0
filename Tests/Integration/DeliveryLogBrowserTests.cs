using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Redeploy.Cli.Dev;
using Redeploy.Core.Security;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// The delivery log page in a real browser: headless Chromium (Debian's package, driven by Playwright) against the local
/// host of `redeploy dev` on a free port, with an Azurite of its own. Screenshots go to the test output's artifacts folder.
/// </summary>
public sealed class DeliveryLogBrowserTests : IAsyncLifetime
{
    private const string HostileBranch = "<img src=x onerror=alert(1)>";

    private AzuriteProcess? azurite;
    private LocalHost? host;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private readonly HttpClient http = new();

    public static string ArtifactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath();
        azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepositoryRoot);
        host = await LocalHost.StartAsync(new LocalHostSettings(azurite.ConnectionString, FreePort(), RetryDelay: TimeSpan.Zero), CancellationToken.None);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        azurite?.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task Page_RequestsPostedToTheHook_ListedNewestFirstEscapedAndSelfContained()
    {
        var hookUrl = await AddStackAsync();
        await PostAsync(hookUrl, Payloads.GitHubPush(), Payloads.GitHubHeaders(delivery: Guid.NewGuid().ToString()));
        await PostAsync(hookUrl, Payloads.GitHubPush(branch: "feature/x"), Payloads.GitHubHeaders(delivery: Guid.NewGuid().ToString()));
        await PostAsync(hookUrl, JsonSerializer.Serialize(new { branch = HostileBranch }), new Dictionary<string, string>());
        await WaitUntilFinalAsync(hookUrl, count: 3);

        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 560 } });
        var fetched = new List<string>();
        var dialogs = new List<string>();
        var console = new List<string>();
        page.Request += (_, request) => fetched.Add(request.Url);
        page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        var response = await page.GotoAsync(hookUrl.ToString());

        Assert.Equal(200, response!.Status);
        Assert.StartsWith("default-src 'none'", await response.HeaderValueAsync("content-security-policy"));
        var entries = page.Locator("li.request");
        Assert.Equal(3, await entries.CountAsync());
        // Newest first: the hostile push came last.
        Assert.Contains(HostileBranch, await entries.Nth(0).InnerTextAsync());
        Assert.Contains("skipped", await entries.Nth(1).InnerTextAsync());
        Assert.Contains("pushed github.com/acme/shop@feature/x", await entries.Nth(1).Locator(".reason").InnerTextAsync());
        Assert.Contains("dispatched", await entries.Nth(2).InnerTextAsync());
        Assert.Equal($"https://github.com/acme/shop/commit/{Payloads.Commit}", await entries.Nth(2).Locator("code a").GetAttributeAsync("href"));
        // The branch is shown as text, never run: no element made of it, no dialog.
        Assert.Equal(HostileBranch, await entries.Nth(0).Locator("code").First.InnerTextAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Empty(dialogs);
        // One document, nothing else fetched, and the inline style applied under the page's own policy.
        Assert.Equal([hookUrl.ToString()], fetched);
        Assert.Empty(console);
        Assert.Equal("5px", await page.EvalOnSelectorAsync<string>("li.request", "e => getComputedStyle(e).borderLeftWidth"));

        Directory.CreateDirectory(ArtifactsFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "delivery-log-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "delivery-log-390.png"), FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "delivery-log-390-dark.png"), FullPage = true });
        Assert.NotEqual("rgb(245, 246, 248)", await page.EvalOnSelectorAsync<string>("body", "e => getComputedStyle(e).backgroundColor"));
    }

    private async Task<Uri> AddStackAsync()
    {
        var stacks = (TableStackStore)host!.Services.GetService(typeof(TableStackStore))!;
        var (stack, token) = StackTokens.NewStack(SampleStacks.Shop);
        await stacks.SaveAsync(stack, CancellationToken.None);
        return new Uri(host.Address, $"/stacks/redeploy/{stack.Uid}/{token}");
    }

    private async Task PostAsync(Uri hookUrl, string body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var answer = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    private async Task WaitUntilFinalAsync(Uri hookUrl, int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"{hookUrl}/requests");
            var statuses = list.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            if (statuses.Count == count && !statuses.Contains("queued"))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("requests still queued after a minute");
    }

    /// <summary>Debian's chromium, or the browser REDEPLOY_CHROMIUM names; the tests fail, saying how to get one, without it.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("REDEPLOY_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The delivery log's browser tests need Chromium and found none at {path}. Install it (Debian/Ubuntu: "
                + "sudo apt-get install -y chromium) or set REDEPLOY_CHROMIUM to a Chromium or Chrome executable.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
