using Redeploy.Cli.Tokens;

namespace Redeploy.Tests.Cli;

public sealed class TokenCacheTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("redeploy-tokens-").FullName;

    [Fact]
    public void Save_TwoStacks_FindsEachAndKeepsTheFilePrivate()
    {
        var cache = new TokenCache(Path.Combine(folder, "config", "redeploy", "tokens.json"));

        cache.Save("uid1", "shop", "token1");
        cache.Save("uid2", "blog", "token2");
        cache.Save("uid1", "shop", "token3");

        Assert.Equal(new CachedToken("shop", "token3"), cache.Find("uid1"));
        Assert.Equal(new CachedToken("blog", "token2"), cache.Find("uid2"));
        Assert.Null(cache.Find("uid3"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.Path));
        }
    }

    [Fact]
    public void Find_DamagedFile_KnowsNothing()
    {
        var path = Path.Combine(folder, "tokens.json");
        File.WriteAllText(path, "{ not json");

        Assert.Null(new TokenCache(path).Find("uid1"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
