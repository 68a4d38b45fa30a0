using Redeploy.Benchmarks.Payloads;

namespace Redeploy.Benchmarks.Load;

/// <summary>Writes the load run's payload and its signatures, so that wrk and webhook send exactly the bytes measured here.</summary>
public static class PayloadFiles
{
    public static int Write(LoadOptions options)
    {
        var folder = options.Required("out");
        Directory.CreateDirectory(folder);
        var body = GitHubPushPayload.Create(GitHubPushPayload.SmallCommits);
        File.WriteAllBytes(Path.Combine(folder, "github-push.json"), body);
        File.WriteAllText(Path.Combine(folder, "github-push.sig"), SignedDeliveries.Sign(body));
        File.WriteAllText(Path.Combine(folder, "secret"), SignedDeliveries.Secret);
        Console.WriteLine($"{body.Length} bytes, {GitHubPushPayload.SmallCommits} commits -> {folder}");
        return 0;
    }
}
