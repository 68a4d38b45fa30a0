using Redeploy.Core.Storage;

namespace Redeploy.Cli.Plumbing;

/// <summary>The <c>-s NAME</c> option of the commands that act on one stack, and finding that stack.</summary>
public static class StackLookup
{
    public static System.CommandLine.Option<string> Option() => new("--stack", "-s")
    {
        Description = "The stack's name.",
        Required = true,
    };

    /// <summary>The stack named <paramref name="name"/>; null after saying which stacks exist.</summary>
    public static async Task<StoredStack?> FindAsync(CliContext context, CliStorage storage, string name, CancellationToken cancellationToken)
    {
        if (await storage.Stacks.FindByNameAsync(name, cancellationToken) is { } stack)
        {
            return stack;
        }

        var names = (await storage.Stacks.ListAsync(cancellationToken)).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        context.Output.Fail(names.Count == 0
            ? $"no stack named '{name}': there are no stacks yet; `redeploy stacks apply -f FILE` declares them"
            : $"no stack named '{name}' (stacks: {string.Join(", ", names)})");
        return null;
    }
}
