using System.Text.Json;

namespace Redeploy.Cli.Tokens;

/// <summary>
/// A local JSON file of hook tokens by stack uid, readable by its owner only (0600 in a 0700 folder). Stacks store only
/// token hashes, so this file is the one place a URL can be printed again from; losing it means rotating the token.
/// </summary>
public sealed class TokenCache(string path)
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    public string Path => path;

    public IReadOnlyDictionary<string, CachedToken> ReadAll()
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, CachedToken>();
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, TokenCacheJsonContext.Default.DictionaryStringCachedToken) ?? [];
        }
        catch (JsonException)
        {
            // A damaged cache only costs a rotation; it must not stop the command.
            return new Dictionary<string, CachedToken>();
        }
    }

    public CachedToken? Find(string stackUid) => ReadAll().GetValueOrDefault(stackUid);

    public void Save(string stackUid, string stackName, string token)
    {
        var tokens = new Dictionary<string, CachedToken>(ReadAll()) { [stackUid] = new CachedToken(stackName, token) };
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }

        // Written whole to a private temporary file, then moved over the old one: never half a file, never readable by others.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, tokens, TokenCacheJsonContext.Default.DictionaryStringCachedToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, FileMode);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
