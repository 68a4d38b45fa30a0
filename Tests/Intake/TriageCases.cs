using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Intake;

namespace Redeploy.Tests.Intake;

/// <summary>What the triage tables share: a commit, a push of it, the time and id they decide with, and the answer read back.</summary>
internal static class TriageCases
{
    public const string Commit = "9f3c1a2b4d5e6f708192a3b4c5d6e7f801234567";

    public const string NewId = "0123456789abcdef0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    public static readonly Push MainPush = new(["https://github.com/acme/shop"], "main", null, Commit);

    /// <summary>The status the intake answers with, and the reason, the refusal's detail and items, or what is queued.</summary>
    public static (int Status, string Detail) Answer(TriageResult result) => result switch
    {
        QueueRequest => (202, "queue"),
        GateDelivery gate => (202, $"gate {gate.Commits.Count}"),
        IgnoreDelivery ignored => (200, ignored.Reason),
        RefuseDelivery refused => (Answers.From(refused.Failure).Status, refused.Failure.Detail + string.Join(",", refused.Failure.Items ?? [])),
        _ => (0, string.Empty),
    };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Query(params (string Name, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[p.Value]);
}
