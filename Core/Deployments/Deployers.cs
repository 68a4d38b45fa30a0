using Redeploy.Core.Stacks;

namespace Redeploy.Core.Deployments;

/// <summary>Every kind of deployer the app knows; picks the one for a stack's target.</summary>
public sealed class Deployers(IEnumerable<IDeployer> deployers)
{
    private readonly IReadOnlyList<IDeployer> all = deployers.ToList();

    public IDeployer For(DeployerTarget target) =>
        all.FirstOrDefault(d => d.Handles(target)) ?? throw new InvalidOperationException($"no deployer for kind {target.Kind}");
}
