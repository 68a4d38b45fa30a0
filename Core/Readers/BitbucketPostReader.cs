using System.Buffers;
using System.Text.Json;
using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// The legacy Bitbucket POST service: <c>canon_url</c>, <c>repository.absolute_url</c> and <c>commits[]</c>, oldest first,
/// each naming its branch. One push per branch seen, at the last commit of that branch. It has no event name and no
/// delivery id.
/// </summary>
internal sealed class BitbucketPostReader : IDeliveryReader
{
    // The service only ever ran on bitbucket.org; canon_url is read when present all the same.
    private const string DefaultCanonUrl = "https://bitbucket.org";
    private const int MaxShaLength = GitValues.LongestCommit;

    // A JSON string escapes one character in at most six bytes, so a SHA that fits MaxShaLength is never longer raw.
    private const int MaxRawShaLength = MaxShaLength * 6;

    // The same for a ref name: one of at most MaxRefNameBytes UTF-8 bytes has at most that many characters.
    private const int MaxRawRefNameLength = PayloadLimits.MaxRefNameBytes * 6;

    public Outcome<Delivery> Read(HookRequest request, RootObject root)
    {
        var json = root.Json;
        string? canonUrl = null;
        string? absoluteUrl = null;
        var heads = new BranchHeads();
        var reader = new Utf8JsonReader(json, JsonRead.Options);
        JsonRead.ExpectRootObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("canon_url"u8))
            {
                canonUrl = JsonRead.String(ref reader, "canon_url");
            }
            else if (reader.ValueTextEquals("repository"u8))
            {
                absoluteUrl = ReadAbsoluteUrl(ref reader);
            }
            else if (reader.ValueTextEquals("commits"u8))
            {
                ReadCommits(ref reader, heads);
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }


        IReadOnlyList<string> urls = string.IsNullOrEmpty(absoluteUrl)
            ? Push.NoRepository
            : [GitValues.RepositoryUrl(Combine(canonUrl ?? DefaultCanonUrl, absoluteUrl), "repository.absolute_url")];

        // No commits (a push of existing commits, or a test from the settings page) names the repository only, which
        // DeliveryReader refuses as a push without a ref.
        IReadOnlyList<Push> pushes = heads.InOrder.Count == 0
            ? [new Push(urls, null, null, null)]
            : heads.InOrder.Select(h => new Push(urls, h.Name, null, h.Commit())).ToArray();
        return Outcome<Delivery>.Success(Delivery.Pushed(Sender.BitbucketPost, null, null, pushes));
    }

    private static string Combine(string canonUrl, string absoluteUrl) =>
        $"{canonUrl.TrimEnd('/')}/{absoluteUrl.TrimStart('/')}";

    private static string? ReadAbsoluteUrl(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartObject(ref reader, "repository"))
        {
            return null;
        }

        string? absoluteUrl = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("absolute_url"u8))
            {
                absoluteUrl = JsonRead.String(ref reader, "repository.absolute_url");
            }
            else
            {
                JsonRead.SkipValue(ref reader);
            }
        }

        return absoluteUrl;
    }

    /// <summary>
    /// Keeps, per branch, only the SHA of the latest commit, copied into that branch's buffer: what is held grows with
    /// the number of branches, never with the number of commits.
    /// </summary>
    private static void ReadCommits(ref Utf8JsonReader reader, BranchHeads heads)
    {
        if (!JsonRead.StartArray(ref reader, "commits"))
        {
            return;
        }

        Span<char> scratch = stackalloc char[MaxRawShaLength];
        Span<char> rawNode = stackalloc char[MaxShaLength];
        Span<char> node = stackalloc char[MaxShaLength];
        var branchesOfCommit = new List<BranchHead>();
        while (JsonRead.NextElement(ref reader, "commits[]"))
        {
            var rawNodeLength = 0;
            var nodeLength = 0;
            branchesOfCommit.Clear();
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("raw_node"u8))
                {
                    rawNodeLength = ReadSha(ref reader, scratch, rawNode, "commits[].raw_node");
                }
                else if (reader.ValueTextEquals("node"u8))
                {
                    nodeLength = ReadSha(ref reader, scratch, node, "commits[].node");
                }
                else if (reader.ValueTextEquals("branch"u8))
                {
                    reader.Read();
                    AddBranch(ref reader, heads, branchesOfCommit, "commits[].branch");
                }
                else if (reader.ValueTextEquals("branches"u8))
                {
                    // Older deliveries set branch to null and list branches when a commit is on several.
                    if (JsonRead.StartArray(ref reader, "commits[].branches"))
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            AddBranch(ref reader, heads, branchesOfCommit, "commits[].branches[]");
                        }
                    }
                }
                else
                {
                    JsonRead.SkipValue(ref reader);
                }
            }

            // raw_node is the full SHA; node, the short one, serves when it is missing.
            var sha = rawNodeLength > 0 ? rawNode[..rawNodeLength] : node[..nodeLength];
            foreach (var head in branchesOfCommit)
            {
                head.SetCommit(sha);
            }
        }
    }

    /// <summary>
    /// Finds (or adds) the branch the current string token names; null names none. The name is unescaped into a buffer on
    /// the stack and looked up in <paramref name="heads"/> by that span: one lookup per branch value, no allocation for a
    /// branch already seen.
    /// </summary>
    private static void AddBranch(ref Utf8JsonReader reader, BranchHeads heads, List<BranchHead> branchesOfCommit, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw PayloadFormatException.WrongType(field, "a string", reader.TokenType);
        }

        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxRawRefNameLength)
        {
            throw new PayloadFormatException($"field '{field}': ref name longer than {PayloadLimits.MaxRefNameBytes} bytes");
        }

        Span<char> buffer = stackalloc char[MaxRawRefNameLength];
        var name = buffer[..reader.CopyString(buffer)];
        if (name.IsEmpty)
        {
            return;
        }

        if (!heads.Lookup.TryGetValue(name, out var head))
        {
            PayloadCaps.CheckPushCount(heads.InOrder.Count, field);
            head = new BranchHead(GitValues.RefName(name.ToString(), field));
            heads.Add(head);
        }

        branchesOfCommit.Add(head);
    }

    /// <summary>Copies a SHA string into <paramref name="target"/> without allocating; its length, 0 for null.</summary>
    private static int ReadSha(ref Utf8JsonReader reader, scoped Span<char> scratch, scoped Span<char> target, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw PayloadFormatException.WrongType(field, "a string", reader.TokenType);
        }

        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        var length = rawLength <= MaxRawShaLength ? reader.CopyString(scratch) : 0;
        var value = scratch[..length];
        if (!GitValues.IsCommit(value, GitValues.ShortestAbbreviation))
        {
            throw new PayloadFormatException($"field '{field}': expected a hex commit SHA");
        }

        value.CopyTo(target);
        return length;
    }

    /// <summary>The branches seen so far, in the order first seen, and found by name.</summary>
    private sealed class BranchHeads
    {
        private readonly Dictionary<string, BranchHead> byName = new(StringComparer.Ordinal);

        public BranchHeads() => Lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();

        public List<BranchHead> InOrder { get; } = [];

        public Dictionary<string, BranchHead>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public void Add(BranchHead head)
        {
            byName.Add(head.Name, head);
            InOrder.Add(head);
        }
    }

    /// <summary>A branch seen in the commits and the SHA of its latest commit so far.</summary>
    private sealed class BranchHead(string name)
    {
        private readonly char[] sha = new char[MaxShaLength];
        private int length;

        public string Name { get; } = name;

        public void SetCommit(ReadOnlySpan<char> commit)
        {
            commit.CopyTo(sha);
            length = commit.Length;
        }

        public string? Commit() =>
            length == 0 ? null : GitValues.Commit(new string(sha, 0, length), "commits[].raw_node");
    }
}
