using System.Text;
using System.Text.Json;
using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;

namespace Redeploy.Tests.Readers;

/// <summary>
/// Runs one reader the way the dispatcher does: a <see cref="PayloadFormatException"/> or <see cref="JsonException"/>
/// thrown inside becomes a <see cref="FailureKind.Malformed"/> failure. Also finds the team's fixtures and the shared
/// reference payloads.
/// </summary>
internal static class ReaderHarness
{
    public static Outcome<Delivery> Read(IDeliveryReader reader, IEnumerable<(string Name, string Value)> headers, string json) =>
        Read(reader, headers, Encoding.UTF8.GetBytes(json));

    public static Outcome<Delivery> Read(IDeliveryReader reader, IEnumerable<(string Name, string Value)> headers, byte[] json)
    {
        var hookHeaders = new HookHeaders(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));
        var request = new HookRequest(hookHeaders, HookRequest.NoQuery, json);
        try
        {
            return reader.Read(request, Index(json));
        }
        catch (PayloadFormatException e)
        {
            return Failure.Malformed(e.Message);
        }
        catch (JsonException e)
        {
            return Failure.Malformed(e.Message);
        }
    }

    /// <summary>Checks and indexes a payload as <see cref="DeliveryReader"/> does before any reader; throws when it is malformed.</summary>
    public static RootObject Index(byte[] json)
    {
        var properties = new RootProperty[64];
        var count = json.Length == 0 ? 0 : DeliveryReader.Index(json, properties);
        return new RootObject(json, properties, count);
    }

    /// <summary>A fixture the team wrote, from Tests/Fixtures/{sender}/{name}.</summary>
    public static string Fixture(string sender, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", sender, name));

    /// <summary>
    /// The folder of real sample payloads for <paramref name="sender"/> (shared/payloads/{sender}), or null when this
    /// checkout has none. It sits next to the repository in the main checkout and further up from a worktree.
    /// </summary>
    public static string? ReferencePayloads(string sender)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RedeployFunctions.sln")))
        {
            root = root.Parent;
        }

        for (var dir = root?.Parent; dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "shared", "payloads", sender);
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    /// <summary>The bytes of one reference payload, or null when it is not there (the test then checks nothing).</summary>
    public static byte[]? ReferencePayload(string sender, string name)
    {
        var folder = ReferencePayloads(sender);
        var path = folder is null ? null : Path.Combine(folder, name);
        return path is not null && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>The normalised form of each URL, for asserting which repositories a push names.</summary>
    public static string[] Normalized(IEnumerable<string> urls) =>
        urls.Select(u => Core.Hooks.RepositoryUrl.Normalize(u) ?? $"<not a URL: {u}>").ToArray();

    /// <summary>The outcome is a 400-kind failure whose detail names <paramref name="detail"/> (usually the field).</summary>
    public static void AssertMalformed(Outcome<Delivery> outcome, string detail)
    {
        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Malformed, outcome.Failure!.Kind);
        Assert.Contains(detail, outcome.Failure.Detail);
    }
}
