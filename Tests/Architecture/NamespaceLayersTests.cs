using Redeploy.Core;

namespace Redeploy.Tests.Architecture;

/// <summary>
/// Core's namespaces depend on each other one way (README, "Architecture"): shapes at the bottom, reading and matching
/// above them, storage, then the use cases. Read from the compiled assembly. The root namespace is left out: it holds
/// the shared kernel (Outcome, Failure, Log) and the composition root (AddRedeployCore, CoreJsonContext), which uses all.
/// </summary>
public sealed class NamespaceLayersTests
{
    private const string Root = "Redeploy.Core";

    private static readonly NamespaceDependencies Graph =
        NamespaceDependencies.Read(typeof(Outcome<>).Assembly.Location, Root);

    [Fact]
    public void Graph_SeesKnownDependencies()
    {
        // Guards the reader itself: an empty graph would have no cycle either.
        Assert.Contains($"{Root}.Hooks", Graph.Of($"{Root}.Readers").Keys);
        Assert.Contains($"{Root}.Deployments", Graph.Of($"{Root}.Processing").Keys);
        Assert.Contains($"{Root}.Storage", Graph.Of($"{Root}.Intake").Keys);
    }

    [Fact]
    public void CoreNamespaces_HaveNoCycles()
    {
        var cycles = Cycles().Select(cycle => string.Join("\n  ", cycle)).ToList();

        Assert.True(cycles.Count == 0, $"Cycles between Core's namespaces:\n  {string.Join("\n\n  ", cycles)}");
    }

    [Theory]
    [InlineData("Hooks")]
    [InlineData("Stacks")]
    [InlineData("Observers")]
    [InlineData("Readers", "Hooks", "")]
    [InlineData("Matching", "Hooks", "Stacks", "")]
    public void BottomLayers_UseOnlyTheLayersBelow(string layer, params string[] allowed)
    {
        var allowedNames = allowed.Select(Full).ToHashSet();

        var wrong = Graph.Of(Full(layer)).Where(use => !allowedNames.Contains(use.Key)).Select(use => $"{use.Key} ({use.Value})");

        Assert.Empty(wrong);
    }

    private static string Full(string layer) => layer.Length == 0 ? Root : $"{Root}.{layer}";

    // Each strongly connected group of namespaces (Tarjan), as one cycle through it with an example use per step.
    private static IEnumerable<List<string>> Cycles()
    {
        var nodes = Graph.Namespaces.Where(ns => ns != Root).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var groups = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in Next(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var group = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in nodes.Where(node => !index.ContainsKey(node)))
        {
            Visit(node);
        }

        return groups.Where(group => group.Count > 1).Select(CycleThrough);
    }

    private static IEnumerable<string> Next(string node) =>
        Graph.Of(node).Keys.Where(ns => ns != Root).Order(StringComparer.Ordinal);

    // A shortest way back to the group's first namespace, found breadth-first inside the group.
    private static List<string> CycleThrough(HashSet<string> group)
    {
        var start = group.Order(StringComparer.Ordinal).First();
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in Next(node).Where(group.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { Step(node, start) };
                    for (var at = node; at != start; at = cameFrom[at])
                    {
                        path.Insert(0, Step(cameFrom[at], at));
                    }

                    return path;
                }

                if (cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        throw new InvalidOperationException("A strongly connected group always has a cycle.");
    }

    private static string Step(string from, string to) => $"{from} → {to} ({Graph.Of(from)[to]})";
}
