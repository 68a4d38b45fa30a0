using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Anything that is not a known Git host: curl, a CI job. The body is empty or <c>{"repository", "branch", "commit"}</c>,
/// every field optional; the same names are read from the query string. Naming none of them is "no Git information".
/// </summary>
internal sealed class GenericReader : IDeliveryReader
{
    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var json = root.Json;
        // The body and the query merge field by field, and the body wins where both name a field: a CI job can keep the
        // repository in the hook URL it is configured with and send the commit of each run in the body.
        var (repository, branch, commit) = json.IsEmpty ? default : ReadBody(json);
        repository ??= Query(request, "repository");
        branch ??= Query(request, "branch");
        commit ??= Query(request, "commit");

        var deliveryId = request.Headers["webhook-id"] ?? request.Headers["Idempotency-Key"];
        if (repository is null && branch is null && commit is null)
        {
            return Outcome<Delivery>.Success(Delivery.Pushed(Sender.Generic, deliveryId, null, []));
        }

        IReadOnlyList<string> urls = repository is null ? Push.NoRepository : [GitValues.RepositoryUrl(repository, "repository")];
        var (branchName, tag) = GitValues.Ref(branch, "branch");
        var push = new Push(urls, branchName, tag, GitValues.Commit(commit, "commit"));
        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.Generic, deliveryId, null, [push]));
    }

    private static (string? Repository, string? Branch, string? Commit) ReadBody(ReadOnlySpan<byte> json)
    {
        string? repository = null, branch = null, commit = null;
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("repository"u8))
            {
                repository = Blank(JsonRead.String(ref reader, "repository"));
            }
            else if (reader.ValueTextEquals("branch"u8))
            {
                branch = Blank(JsonRead.String(ref reader, "branch"));
            }
            else if (reader.ValueTextEquals("commit"u8))
            {
                commit = Blank(JsonRead.String(ref reader, "commit"));
            }
            else
            {
                // Other fields (a Standard Webhooks "type" or "timestamp", a CI job's own metadata) are not ours to refuse.
                JsonRead.SkipValue(ref reader);
            }
        }

        return (repository, branch, commit);
    }

    private static string? Query(HookRequest request, string name) => Blank(request.QueryValue(name));

    // Scripts fill templates: "branch": "" or ?commit= means the value is not known, not that it is empty.
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
