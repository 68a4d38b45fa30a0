using Redeploy.Benchmarks.Payloads;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Writes the load run's payloads and their signatures, so that wrk and webhook send exactly the bytes measured here: the
/// 7 KB push, the 1 MB push (2,000 commits) of the default run's large phase, and for the hostile-memory run a push of
/// about 9.5 MB (just under the 10 MiB Redeploy:MaxPayloadBytes).
/// </summary>
public static class PayloadFiles
{
    private const int LargeBytes = 9_500_000;

    public static int Write(LoadOptions options)
    {
        var folder = options.Required("out");
        Directory.CreateDirectory(folder);
        var body = GitHubPushPayload.Create(GitHubPushPayload.SmallCommits);
        File.WriteAllBytes(Path.Combine(folder, "github-push.json"), body);
        File.WriteAllText(Path.Combine(folder, "github-push.sig"), SignedDeliveries.Sign(body));
        File.WriteAllText(Path.Combine(folder, "secret"), SignedDeliveries.Secret);
        Console.WriteLine($"{body.Length} bytes, {GitHubPushPayload.SmallCommits} commits -> {folder}");

        var megabyte = GitHubPushPayload.Create(GitHubPushPayload.LargeCommits);
        File.WriteAllBytes(Path.Combine(folder, "github-push-1mb.json"), megabyte);
        File.WriteAllText(Path.Combine(folder, "github-push-1mb.sig"), SignedDeliveries.Sign(megabyte));
        Console.WriteLine($"{megabyte.Length} bytes, {GitHubPushPayload.LargeCommits} commits -> {folder}");

        var commits = (int)(GitHubPushPayload.LargeCommits * (LargeBytes / (double)megabyte.Length));
        var large = GitHubPushPayload.Create(commits);
        File.WriteAllBytes(Path.Combine(folder, "github-push-large.json"), large);
        File.WriteAllText(Path.Combine(folder, "github-push-large.sig"), SignedDeliveries.Sign(large));
        Console.WriteLine($"{large.Length} bytes, {commits} commits -> {folder}");
        return 0;
    }
}
