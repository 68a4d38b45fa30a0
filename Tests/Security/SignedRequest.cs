using System.Text;
using Redeploy.Core.Hooks;

namespace Redeploy.Tests.Security;

/// <summary>Builds the <see cref="HookRequest"/>s of the signature tests.</summary>
internal static class SignedRequest
{
    public static HookRequest With(string body, params (string Name, string Value)[] headers) =>
        new(
            new HookHeaders(headers.Select(h => KeyValuePair.Create(h.Name, h.Value))),
            HookRequest.NoQuery,
            Encoding.UTF8.GetBytes(body));
}
