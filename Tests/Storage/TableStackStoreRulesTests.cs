using Azure.Data.Tables;
using Redeploy.Core;
using Redeploy.Core.Security;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using Xunit;

namespace Redeploy.Tests.Storage;

public sealed class TableStackStoreRulesTests
{
    [Fact]
    public async Task SaveAsync_DefinitionBreaksARule_ThrowsBeforeAnyWrite()
    {
        // Port 9 (discard) on the loopback: a write would fail with a connection error, not an ArgumentException.
        var tables = new TableServiceClient("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");
        var store = new TableStackStore(tables, new RedeployOptions());
        var (stack, _) = StackTokens.NewStack(new Stack("blog", StackKind.Classic, [new Service("web", Image: "nginx")]));

        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(stack, existing: null, CancellationToken.None));

        Assert.Contains(StackRules.ClassicWithServices, thrown.Message);
    }
}
