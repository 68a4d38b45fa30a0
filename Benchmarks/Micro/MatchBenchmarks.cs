using BenchmarkDotNet.Attributes;
using Redeploy.Benchmarks.Payloads;
using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Readers;
using Redeploy.Core.Stacks;

namespace Redeploy.Benchmarks.Micro;

/// <summary>Matching the push of the 7 KB GitHub payload (four repository URLs, branch main) against stacks of 10 and 1,000 services.</summary>
[MemoryDiagnoser]
[Config(typeof(MicroConfig))]
public class MatchBenchmarks
{
    private Stack stack = null!;
    private IReadOnlyList<Push> pushes = null!;

    [Params(10, 1000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        stack = BenchStacks.Docker(Services);
        var request = SignedDeliveries.GitHubPush(GitHubPushPayload.Create(GitHubPushPayload.SmallCommits));
        pushes = DeliveryReader.Read(request).Value.Pushes;
        var decision = ServiceMatcher.Decide(stack, pushes, null);
        var deployed = Check.Is<DeployDecision>(decision, "decision").Services;
        Check.Equal("web", string.Join(",", deployed.Select(s => s.Name)), "deployed services");
    }

    [Benchmark(Description = "ServiceMatcher.Decide")]
    public Decision Decide() => ServiceMatcher.Decide(stack, pushes, null);
}
