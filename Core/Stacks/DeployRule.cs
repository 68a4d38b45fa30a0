namespace Redeploy.Core.Stacks;

/// <summary>
/// A stack's <c>deploy</c> rule (CONTRACT §9): <see cref="DeployOn.Push"/> (the default), or <see cref="DeployOn.Ci"/>
/// with the CI checks that must all succeed on a commit before it deploys (none listed: the first success).
/// </summary>
public sealed record DeployRule(DeployOn On, IReadOnlyList<string> Checks)
{
    /// <summary>At most this many checks, each at most <see cref="MaxCheckNameLength"/> characters: both are stored on requests.</summary>
    public const int MaxChecks = 20;

    public const int MaxCheckNameLength = 100;

    public static DeployRule OnPush { get; } = new(DeployOn.Push, []);

    public static DeployRule OnCi(params IReadOnlyList<string> checks) => new(DeployOn.Ci, checks);

    public bool WaitsForCi => On == DeployOn.Ci;

    /// <summary>Whether a CI check of this name decides anything: every check when none are listed, else the listed ones.</summary>
    public bool Counts(string checkName) => Checks.Count == 0 || Checks.Contains(checkName, StringComparer.Ordinal);

    /// <summary>The listed checks that have not succeeded yet, in the order the stack lists them.</summary>
    public IReadOnlyList<string> Remaining(IReadOnlyCollection<string> passed) =>
        Checks.Where(check => !passed.Contains(check, StringComparer.Ordinal)).ToList();

    /// <summary>True when the successes seen let the commit deploy: every listed check, or any one when none are listed.</summary>
    public bool IsSatisfiedBy(IReadOnlyCollection<string> passed) =>
        Checks.Count == 0 ? passed.Count > 0 : Remaining(passed).Count == 0;

    /// <summary>"push", "ci", or "ci (checks build, e2e)", for listings.</summary>
    public string Describe() => On == DeployOn.Push ? "push" : Checks.Count == 0 ? "ci" : $"ci (checks {string.Join(", ", Checks)})";

    // Records compare lists by reference: compare the checks one by one.
    public bool Equals(DeployRule? other) =>
        other is not null && On == other.On && Checks.SequenceEqual(other.Checks, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(On, Checks.Count);
}
