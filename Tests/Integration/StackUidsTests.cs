using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>The set of stack uids the intake keeps (CONTRACT §1) against Azurite: its query and in-process saves.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StackUidsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ListUidsAsync_StacksWithServicesAndNames_ListsEachStackUidOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (shop, _) = await pipeline.AddStackAsync(SampleStacks.Shop);
        var (blog, _) = await pipeline.AddStackAsync(SampleStacks.Blog);

        var uids = new List<string>();
        await foreach (var uid in pipeline.Stacks.ListUidsAsync(CancellationToken.None))
        {
            uids.Add(uid);
        }

        Assert.Equal(new[] { shop, blog }.Order(), uids.Order());
    }

    [Fact]
    public async Task Post_StackSavedByAnotherStoreOfThisProcessAfterTheSetLoaded_FoundAtOnce()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        Assert.Equal(404, (await pipeline.PostAsync(HookToken.NewStackUid(), HookToken.New(), body: null)).Status);

        // The CLI's store is another instance on the same table; the clock does not move, so no refresh happens.
        var cliStore = new TableStackStore(pipeline.Clients.Tables, pipeline.Options);
        var (stack, token) = StackTokens.NewStack(SampleStacks.Blog);
        await cliStore.SaveAsync(stack, CancellationToken.None);

        Assert.Equal(202, (await pipeline.PostAsync(stack.Uid, token, body: null)).Status);
    }
}
