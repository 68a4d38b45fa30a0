using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Integration;

/// <summary>The contract's example stacks (CONTRACT §6).</summary>
public static class SampleStacks
{
    public static Stack Shop { get; } = new(
        "shop",
        StackKind.Docker,
        [
            new Service("web", new GitSource("https://github.com/acme/shop.git", "main")),
            new Service("worker", new GitSource("git@github.com:acme/shop.git", "main")),
            new Service("api", new GitSource("https://github.com/acme/api", "develop")),
            new Service("redis", Image: "redis:7"),
        ]);

    public static Stack Blog { get; } = new("blog", StackKind.Classic, [], new GitSource("https://bitbucket.org/acme/blog", "production"));
}
