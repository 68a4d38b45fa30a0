using System.Globalization;
using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Pages;

/// <summary>
/// The delivery log of a stack as one self-contained HTML document (CONTRACT §11): its newest requests, each with when,
/// who sent it, what was pushed, where it stands, which services deploy, why not, and where to look next. Every value
/// from a request is escaped by <see cref="HtmlWriter"/>; the page has no script and fetches nothing.
/// </summary>
internal static class DeliveryLogPage
{
    /// <summary>How often the page reloads itself while a request on it is not final.</summary>
    public const int RefreshSeconds = 5;

    /// <summary>How often it reloads while a request waits for CI and none is in progress: a wait may last an hour.</summary>
    public const int WaitingRefreshSeconds = 60;

    public const string ContentType = "text/html; charset=utf-8";

    public static IntakeAnswer Answer(string stackName, IReadOnlyList<RequestRecord> records, DateTimeOffset now)
    {
        var html = Render(stackName, records, now);
        return new IntakeAnswer(200, Encoding.UTF8.GetBytes(html), ContentType, Headers);
    }

    // The page's address holds the hook token: it is never cached, never sent on as a referrer, never framed.
    private static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = PageStyle.ContentSecurityPolicy,
        ["Referrer-Policy"] = "no-referrer",
        ["X-Content-Type-Options"] = "nosniff",
        ["Cache-Control"] = "no-store",
    };

    public static string Render(string stackName, IReadOnlyList<RequestRecord> records, DateTimeOffset now)
    {
        // A job in the outbox or a deployment under way will change soon; a `dispatched` one may never be reported on
        // (a queue deployer need not call back), so it does not keep the page reloading.
        var inProgress = records.Any(r => !r.Status.IsFinal() || r.Status is RequestStatus.Delivering or RequestStatus.Deploying);
        var waiting = !inProgress && records.Any(r => r.Status == RequestStatus.Waiting);
        var refresh = inProgress ? RefreshSeconds : WaitingRefreshSeconds;
        var html = new HtmlWriter();
        html.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\">");
        if (inProgress || waiting)
        {
            html.Raw($"<meta http-equiv=\"refresh\" content=\"{refresh}\">");
        }

        html.Open("title").Text($"{stackName} · delivery log").Close("title")
            .Raw("<style>").Raw(PageStyle.Css).Raw("</style></head><body>");

        html.Open("header").Open("h1").Text(stackName).Raw(" ").Element("small", null, "delivery log").Close("h1")
            .Open("p")
            .Text(records.Count == 0 ? "No requests yet." : $"The last {records.Count} {(records.Count == 1 ? "request" : "requests")} to this hook, newest first, as of ")
            .Text(records.Count == 0 ? null : $"{Absolute(now)}.")
            .Text(inProgress ? $" Refreshes every {RefreshSeconds} s while a request is in progress." : null)
            .Text(waiting ? $" Refreshes every {WaitingRefreshSeconds} s while a request waits for CI." : null)
            .Close("p").Close("header");

        html.Open("main");
        if (records.Count == 0)
        {
            html.Element("p", "empty", "Nothing has been sent to this hook yet. A push from a registered webhook, or a POST to this address, shows up here.");
        }
        else
        {
            html.Open("ol");
            foreach (var record in records)
            {
                RequestEntry.Write(html, record, now);
            }

            html.Close("ol");
        }

        html.Close("main")
            .Open("footer").Element("p", null, "This address holds the stack's hook token: share it only with people who may deploy the stack.").Close("footer")
            .Raw("</body></html>");
        return html.ToString();
    }

    internal static string Absolute(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"just now", "42 s ago", "5 min ago", "3 h ago", "12 d ago".</summary>
    internal static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age.TotalSeconds switch
        {
            < 5 => "just now",
            < 60 => $"{(int)age.TotalSeconds} s ago",
            < 90 * 60 => $"{(int)age.TotalMinutes} min ago",
            < 36 * 3600 => $"{(int)age.TotalHours} h ago",
            _ => $"{(int)age.TotalDays} d ago",
        };
    }

    /// <summary>The normalised repository (<c>github.com/acme/shop</c>) people recognise, or the address as stored.</summary>
    internal static string RepositoryName(string repository) => RepositoryUrl.Normalize(repository) ?? repository;
}
