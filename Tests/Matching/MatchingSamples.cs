using Redeploy.Core.Hooks;
using Redeploy.Core.Matching;
using Redeploy.Core.Stacks;
using Xunit;

namespace Redeploy.Tests.Matching;

/// <summary>The contract's sample stacks, and a compact notation for pushes and decisions so tables stay readable.</summary>
internal static class MatchingSamples
{
    /// <summary>CONTRACT §6: web and worker on acme/shop main (https .git URL, scp URL), redis from an image.</summary>
    public static readonly Stack Shop = new("shop", StackKind.Docker,
    [
        new Service("web", new GitSource("https://github.com/acme/shop.git", "main")),
        new Service("worker", new GitSource("git@github.com:acme/shop.git", "main")),
        new Service("redis", Image: "redis:7"),
    ]);

    /// <summary>Shop plus a service on another host and repository, and one on another branch of the same repository.</summary>
    public static readonly Stack Platform = new("platform", StackKind.Docker,
    [
        new Service("web", new GitSource("https://github.com/acme/shop.git", "main")),
        new Service("worker", new GitSource("git@github.com:acme/shop.git", "main")),
        new Service("api", new GitSource("https://gitlab.com/acme/api", "develop")),
        new Service("docs", new GitSource("https://github.com/acme/shop", "gh-pages")),
        new Service("redis", Image: "redis:7"),
    ]);

    public static readonly Stack ImagesOnly = new("cache", StackKind.Docker,
    [
        new Service("redis", Image: "redis:7"),
        new Service("memcached", Image: "memcached:1.6"),
    ]);

    /// <summary>CONTRACT §6: a Classic stack on bitbucket.org/acme/blog, branch production.</summary>
    public static readonly Stack Blog = new("blog", StackKind.Classic, [], new GitSource("https://bitbucket.org/acme/blog", "production"));

    public static Stack Named(string name) => name switch
    {
        "shop" => Shop,
        "platform" => Platform,
        "cache" => ImagesOnly,
        "blog" => Blog,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>
    /// Pushes separated by <c>;</c>, each <c>urls|branch|commit</c> with an empty part absent and several URLs separated
    /// by spaces; a leading <c>-</c> marks a deleted branch, <c>tag:</c> in the branch part a tag push.
    /// </summary>
    public static IReadOnlyList<Push> Pushes(string spec)
    {
        if (spec.Length == 0)
        {
            return [];
        }

        return spec.Split(';').Select(ParsePush).ToList();
    }

    public static ServicesModifier? Modifier(string? names) => names is null ? null : new ServicesModifier(names.Split(','));

    /// <summary>
    /// <c>skip</c>, or the deployed services separated by <c>, </c>: <c>name#commit</c>, <c>name@branch</c>, or the
    /// bare name of an image service.
    /// </summary>
    public static string Show(Decision decision) => decision switch
    {
        SkipDecision => "skip",
        DeployDecision deploy => string.Join(", ", deploy.Services.Select(Show)),
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static string Show(ServiceDeployment service) => (service.Commit, service.Branch) switch
    {
        ({ } commit, null) => $"{service.Name}#{commit}",
        (null, { } branch) => $"{service.Name}@{branch}",
        (null, null) => service.Name,
        _ => $"{service.Name}#{service.Commit}@{service.Branch} (both set)",
    };

    public static string ReasonOf(Decision decision) =>
        Assert.IsType<SkipDecision>(decision).Reason;

    private static Push ParsePush(string spec)
    {
        var deleted = spec.StartsWith('-');
        var parts = spec.TrimStart('-').Split('|');
        Assert.Equal(3, parts.Length);
        var urls = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var reference = NullIfEmpty(parts[1]);
        var tag = reference is not null && reference.StartsWith("tag:", StringComparison.Ordinal) ? reference[4..] : null;
        return new Push(urls, tag is null ? reference : null, tag, NullIfEmpty(parts[2]), deleted);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
