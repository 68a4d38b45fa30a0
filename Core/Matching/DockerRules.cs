using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>
/// CONTRACT §4 for Docker stacks. Deployed services come in the order of the stack's definition, with or without a
/// services modifier, so that a deployment reads the same whichever order the request named them in.
/// </summary>
internal static class DockerRules
{
    /// <param name="pushes">Pushes to deploy that carry Git information; none when the request carries none.</param>
    public static Decision Decide(Stack stack, IReadOnlyList<MatchablePush> pushes, ServicesModifier? modifier)
    {
        var requested = new Requested(modifier);
        return pushes.Count == 0 ? DeployFromConfiguration(stack, requested) : DeployMatching(stack, pushes, requested);
    }

    /// <summary>Rule 1: no Git information deploys the modifier's services, else every service, each as configured.</summary>
    private static Decision DeployFromConfiguration(Stack stack, Requested requested)
    {
        var deployments = new List<ServiceDeployment>(requested.Modifier?.Names.Count ?? stack.Services.Count);
        for (var i = 0; i < stack.Services.Count; i++)
        {
            var service = stack.Services[i];
            if (requested.Modifier is null || requested.Contains(service.Name))
            {
                deployments.Add(AsConfigured(service));
            }
        }

        return deployments.Count > 0 ? new DeployDecision(deployments) : new SkipDecision(NothingRequested(stack, requested.Modifier));
    }

    /// <summary>
    /// Rules 2 and 3: without a modifier, exactly the matching Git services, each at its push's commit; with one, the
    /// modifier's services as soon as any service of the stack matches, the matching ones at their push's commit.
    /// </summary>
    private static Decision DeployMatching(Stack stack, IReadOnlyList<MatchablePush> pushes, Requested requested)
    {
        var modifier = requested.Modifier;
        var deployments = new List<ServiceDeployment>();
        var anyMatch = false;
        for (var i = 0; i < stack.Services.Count; i++)
        {
            var service = stack.Services[i];
            var wanted = modifier is null ? service.IsGitSourced : requested.Contains(service.Name);

            // With a modifier, a service outside it still decides whether anything deploys, until one has matched.
            var match = service.Git is { } git && (wanted || (modifier is not null && !anyMatch))
                ? MatchablePush.FirstMatch(git, pushes)
                : null;
            anyMatch |= match is not null;
            if (!wanted)
            {
                continue;
            }

            if (match is not null)
            {
                deployments.Add(At(service, match));
            }
            else if (modifier is not null)
            {
                deployments.Add(AsConfigured(service));
            }
        }

        if (!anyMatch)
        {
            return new SkipDecision(SkipReasons.NoMatch(pushes, TrackedSources(stack), classic: false));
        }

        return deployments.Count > 0 ? new DeployDecision(deployments) : new SkipDecision(NothingRequested(stack, modifier));
    }

    private static ServiceDeployment AsConfigured(Service service) =>
        service.Git is { } git ? new ServiceDeployment(service.Name, Branch: git.Branch) : new ServiceDeployment(service.Name);

    private static ServiceDeployment At(Service service, MatchablePush push) =>
        push.Commit is null ? AsConfigured(service) : new ServiceDeployment(service.Name, Commit: push.Commit);

    // Parse refuses unknown names, so this is a stack whose services changed between the request and its processing.
    private static string NothingRequested(Stack stack, ServicesModifier? modifier) =>
        modifier is null
            ? $"the stack {stack.Name} defines no services"
            : $"none of the requested services ({string.Join(", ", modifier.Names)}) is defined on the stack {stack.Name} any more";

    /// <summary>The stack's Git services grouped by repository and branch, in the order of the definition.</summary>
    private static List<TrackedSource> TrackedSources(Stack stack)
    {
        var sources = new List<TrackedSource>();
        var index = new Dictionary<(string Repository, string Branch), int>();
        for (var i = 0; i < stack.Services.Count; i++)
        {
            var service = stack.Services[i];
            if (service.Git is not { } git)
            {
                continue;
            }

            var source = TrackedSource.Of(git);
            if (index.TryGetValue((source.Repository, source.Branch), out var at))
            {
                sources[at].Services.Add(service.Name);
            }
            else
            {
                index.Add((source.Repository, source.Branch), sources.Count);
                source.Services.Add(service.Name);
                sources.Add(source);
            }
        }

        return sources;
    }

    /// <summary>The modifier, if any, with a hash set for membership once it is long enough that a scan would cost.</summary>
    private readonly struct Requested
    {
        private const int ScanLimit = 16;

        private readonly HashSet<string>? names;

        public Requested(ServicesModifier? modifier)
        {
            Modifier = modifier;
            names = modifier is { Names.Count: > ScanLimit } ? new HashSet<string>(modifier.Names, StringComparer.Ordinal) : null;
        }

        public ServicesModifier? Modifier { get; }

        public bool Contains(string name) => names?.Contains(name) ?? Modifier?.Contains(name) ?? true;
    }
}
