using Redeploy.Core;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Fuzz;

namespace Redeploy.Tests.Fuzz;

/// <summary>
/// Replays the fuzzing corpus (Fuzz/corpus) and the inputs fuzzing once found wrong (Tests/Fixtures/fuzz) through the
/// fuzz targets: no exception escapes, every read is a delivery or a clean 400/415 failure, and JsonSyntax accepts
/// exactly the payloads System.Text.Json accepts.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in CorpusFiles().Concat(RegressionFiles()))
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Corpus_HoldsTheSeedsOfEverySender()
    {
        var profiles = CorpusFiles().Select(f => FuzzInput.ProfileOf(File.ReadAllBytes(f)).Name).ToHashSet();

        Assert.True(CorpusFiles().Count() >= 50, $"only {CorpusFiles().Count()} files in Fuzz/corpus");
        foreach (var sender in new[] { "github-push", "gitea-push", "bitbucket-cloud-push", "bitbucket-server-push", "gitlab-push", "no-headers-json", "no-headers-form" })
        {
            Assert.Contains(sender, profiles);
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Replay_GivesADeliveryOrACleanFailure(string file)
    {
        var input = File.ReadAllBytes(file);

        var read = FuzzTargets.Run(input);

        Assert.True(read.Succeeded || read.Failure.Kind is FailureKind.Malformed or FailureKind.UnsupportedMediaType, read.Failure?.Detail);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void JsonSyntax_AgreesWithTheTokenisingReader(string file)
    {
        var json = JsonReference.Trim(File.ReadAllBytes(file).AsSpan(1));
        if (json.IsEmpty || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return;
        }

        var count = JsonSyntax.IndexObject(json, new RootProperty[64]);

        Assert.Equal(JsonReference.IsWellFormedObject(json), count >= 0);
    }

    private static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "Fuzz", "corpus")).Order(StringComparer.Ordinal);

    private static IEnumerable<string> RegressionFiles()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal) : [];
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedeployFunctions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RedeployFunctions.sln not found above the test binaries");
    }
}
