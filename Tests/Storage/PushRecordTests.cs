using Redeploy.Core.Hooks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Storage;

public sealed class PushRecordTests
{
    [Fact]
    public void From_PushWithCloneAndWebAddresses_KeepsTheWebAddress()
    {
        var push = new Push(["git@github.com:acme/shop.git", "https://github.com/acme/shop.git", "https://github.com/acme/shop/"], "main", null, "9f3c1a2");

        var record = Assert.Single(PushRecord.From([push])!);

        Assert.Equal(new PushRecord("https://github.com/acme/shop", "main", "9f3c1a2"), record);
    }

    [Fact]
    public void From_ManyLongPushes_KeepsFiveWithFieldsCut()
    {
        var longBranch = new string('b', 1000);
        var pushes = Enumerable.Range(0, 8).Select(_ => new Push(Push.NoRepository, longBranch, null, null)).ToList();

        var records = PushRecord.From(pushes)!;

        Assert.Equal(PushRecord.MaxPushes, records.Count);
        Assert.All(records, r => Assert.Equal(PushRecord.MaxLength, r.Branch!.Length));
        Assert.EndsWith("…", records[0].Branch);
    }

    [Fact]
    public void From_NoGitInformation_IsNull() => Assert.Null(PushRecord.From([]));

    [Fact]
    public void From_TagPush_KeepsTheTagAsItsRef()
    {
        var record = Assert.Single(PushRecord.From([new Push(Push.NoRepository, null, "v1.0", null)])!);

        Assert.Equal("v1.0", record.Branch);
    }
}
