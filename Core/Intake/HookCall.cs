using Redeploy.Core.Hooks;

namespace Redeploy.Core.Intake;

/// <summary>A POST to a hook URL as the HTTP edge hands it over: route values, headers, query and the unread body.</summary>
public sealed record HookCall(
    string StackUid,
    string Token,
    HookHeaders Headers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Query,
    Stream Body,
    long? ContentLength);
