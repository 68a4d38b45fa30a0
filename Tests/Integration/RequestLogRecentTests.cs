using Azure.Data.Tables;
using Redeploy.Core.Intake;
using Redeploy.Core.Security;

namespace Redeploy.Tests.Integration;

/// <summary>RequestLog.ListRecentAsync over a partition of more than one page of rows, whose row keys are not in time order.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestLogRecentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ListRecentAsync_PartitionOverOnePage_ReturnsTheNewestFirstAcrossPagesAndOnlyThisStack()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var table = pipeline.Clients.Tables.GetTableClient(pipeline.Options.RequestsTable);
        var uid = HookToken.NewStackUid();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // 1,200 requests, one a minute, inserted in random order under random ids: the table returns them by id.
        var rows = Enumerable.Range(0, 1200).Select(i => (Id: RequestIds.New(), At: start.AddMinutes(i))).OrderBy(_ => Random.Shared.Next()).ToList();
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Row(uid, r.Id, r.At))));
        }

        await table.AddEntityAsync(Row(HookToken.NewStackUid(), RequestIds.New(), start.AddYears(1)));

        var recent = await pipeline.Requests.ListRecentAsync(uid, 50, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => start.AddMinutes(1199 - i)), recent.Select(r => r.ReceivedAt));
        Assert.All(recent, r => Assert.Equal(uid, r.StackUid));
    }

    private static TableEntity Row(string uid, string requestId, DateTimeOffset receivedAt) => new(uid, requestId)
    {
        ["StackName"] = "shop",
        ["Status"] = "Dispatched",
        ["ReceivedAt"] = receivedAt,
        ["Sender"] = "Generic",
        ["Summary"] = "no Git information",
        ["Enqueued"] = true,
    };
}
