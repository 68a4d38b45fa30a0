using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Pages;

/// <summary>One request on the delivery log page: when and where it stands, what was pushed, what it deployed or why not.</summary>
internal static class RequestEntry
{
    public static void Write(HtmlWriter html, RequestRecord record, DateTimeOffset now)
    {
        var word = record.Status.ToWord();
        var (tone, mark) = Tone(word);
        html.Open("li", $"request {tone}");

        html.Open("div", "when")
            .Open("span", "status").Text($"{mark} {word}").Close("span")
            .Open("span", "ago").Time(record.ReceivedAt, DeliveryLogPage.Relative(record.ReceivedAt, now), DeliveryLogPage.Absolute(record.ReceivedAt)).Close("span")
            .Element("span", "at", DeliveryLogPage.Absolute(record.ReceivedAt))
            .Close("div");

        html.Open("div", "what");
        html.Open("p").Element("span", "label", "from ").Text(SenderName(record.Sender)).Close("p");
        WritePushes(html, record);
        html.Close("div");

        html.Open("div", "outcome");
        WriteServices(html, record);
        if (record.Reason is { Length: > 0 } reason)
        {
            html.Element("p", "reason", reason);
        }

        var links = Links(record).Where(link => link.Url is { Length: > 0 }).ToList();
        if (links.Count > 0)
        {
            html.Open("p", "links");
            foreach (var (label, url) in links)
            {
                html.Link(url, label);
            }

            html.Close("p");
        }

        html.Open("p", "id").Text("request ").Element("code", null, record.RequestId).Close("p");
        html.Close("div");

        html.Close("li");
    }

    /// <summary>Where to look next once the deployer has reported (CONTRACT §7): each link is shown only when present.</summary>
    private static List<(string Label, string? Url)> Links(RequestRecord record) =>
    [
        ("Log", record.LogUrl),
        ("Environment", record.EnvironmentUrl),
    ];

    private static void WritePushes(HtmlWriter html, RequestRecord record)
    {
        if (record.Pushes is not { Count: > 0 } pushes)
        {
            // A request stored before pushes were kept, or one that named nothing: its summary says it.
            html.Open("p").Text(record.Summary ?? "no Git information").Close("p");
            return;
        }

        foreach (var push in pushes)
        {
            html.Open("p");
            if (push.Repository is { } repository)
            {
                html.Link(repository, DeliveryLogPage.RepositoryName(repository)).Text(" ");
            }

            if (push.Branch is { } branch)
            {
                html.Element("span", "label", "branch ").Element("code", null, branch).Text(" ");
            }

            if (push.Commit is { } commit)
            {
                html.Element("span", "label", "at ").Open("code").Link(CommitLinks.For(record.Sender, push.Repository, commit), PushSummary.ShortCommit(commit)).Close("code");
            }

            html.Close("p");
        }

        if (record.Summary is { } summary && summary.EndsWith(", ...", StringComparison.Ordinal))
        {
            html.Element("p", "label", "and more pushes");
        }
    }

    private static void WriteServices(HtmlWriter html, RequestRecord record)
    {
        if (record.Services is not { Count: > 0 } services)
        {
            return;
        }

        html.Open("ul", "services");
        foreach (var service in services)
        {
            html.Open("li").Element("b", null, service.Name);
            if (service.Commit is { } commit)
            {
                html.Text(" at ").Element("code", null, PushSummary.ShortCommit(commit));
            }
            else if (service.Branch is { } branch)
            {
                html.Text(" from ").Element("code", null, branch);
            }

            html.Close("li");
        }

        html.Close("ul");
    }

    // Colour is never the only signal: each tone has its mark and the status word is written out.
    private static (string Tone, string Mark) Tone(string word) => word switch
    {
        "dispatched" or "succeeded" => ("ok", "✓"),
        "failed" => ("fail", "✗"),
        "skipped" => ("skip", "↷"),
        "cancelled" => ("off", "⊘"),
        "queued" or "waiting" or "deploying" => ("run", "…"),
        _ => ("off", "•"),
    };

    private static string SenderName(string sender) => sender switch
    {
        "Generic" => "a plain POST (curl, CI)",
        "GitHub" => "GitHub",
        "Gitea" => "Gitea",
        "Forgejo" => "Forgejo",
        "Gogs" => "Gogs",
        "BitbucketCloud" => "Bitbucket Cloud",
        "BitbucketServer" => "Bitbucket Server",
        "BitbucketPost" => "Bitbucket (POST service)",
        "GitLab" => "GitLab",
        "AzureDevOps" => "Azure DevOps",
        "manual" => "redeploy (manual)",
        _ => sender,
    };
}
