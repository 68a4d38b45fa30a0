namespace Redeploy.Core.Stacks;

/// <summary>
/// A stack's definition, as matching sees it. A Classic stack has <see cref="Git"/> and no services;
/// a Docker stack has services and no <see cref="Git"/>.
/// </summary>
public sealed record Stack(string Name, StackKind Kind, IReadOnlyList<Service> Services, GitSource? Git = null)
{
    /// <summary>When the stack deploys: on every matching push (the default), or once CI passed on the commit (CONTRACT §9).</summary>
    public DeployRule Deploy { get; init; } = DeployRule.OnPush;

    public Service? FindService(string name) => Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
