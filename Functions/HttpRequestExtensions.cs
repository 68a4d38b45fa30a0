using Microsoft.AspNetCore.Http;
using Redeploy.Core.Hooks;

namespace Redeploy.Functions;

internal static class HttpRequestExtensions
{
    public static HookHeaders ToHookHeaders(this HttpRequest request) =>
        new(request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToQuery(this HttpRequest request) =>
        request.Query.ToDictionary(
            q => q.Key,
            q => (IReadOnlyList<string>)q.Value.Where(v => v is not null).Select(v => v!).ToList(),
            StringComparer.OrdinalIgnoreCase);
}
