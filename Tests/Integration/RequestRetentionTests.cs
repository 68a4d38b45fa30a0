using Microsoft.Extensions.DependencyInjection;
using Redeploy.Core;
using Redeploy.Core.Processing;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Integration;

/// <summary>
/// Requests past <c>Redeploy:RequestRetention</c> are deleted from the reconciler's timer, at most once an hour: every
/// one no longer queued, whatever its outcome; queued, dispatching, delivering and recent ones stay (an open request
/// that old is first marked failed by the reconciler, past GiveUpAfter); jobs not written for as long go too. Against
/// Azurite, with the pipeline's clock (the tables' own Timestamp is Azurite's: the clock is moved past it).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestRetentionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sweep_RequestsPastTheRetention_DeletesThoseNoLongerQueuedOnly()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var old = pipeline.Time.GetUtcNow() - pipeline.Options.RequestRetention - TimeSpan.FromMinutes(1);
        foreach (var (id, status) in new[]
        {
            ("old-dispatched", RequestStatus.Dispatched), ("old-skipped", RequestStatus.Skipped), ("old-failed", RequestStatus.Failed),
            ("old-succeeded", RequestStatus.Succeeded), ("old-waiting", RequestStatus.Waiting),
            ("old-queued", RequestStatus.Queued), ("old-dispatching", RequestStatus.Dispatching), ("old-delivering", RequestStatus.Delivering),
        })
        {
            await AddAsync(pipeline, id, status, old);
        }

        await AddAsync(pipeline, "recent-dispatched", RequestStatus.Dispatched, pipeline.Time.GetUtcNow() - TimeSpan.FromDays(1));

        var deleted = await pipeline.Services.GetRequiredService<RequestRetention>().SweepIfDueAsync(CancellationToken.None);

        Assert.Equal(5, deleted);
        Assert.Equal(["old-delivering", "old-dispatching", "old-queued", "recent-dispatched"], await RequestIdsAsync(pipeline));
    }

    [Fact]
    public async Task Reconcile_EndsWithASweep()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await AddAsync(pipeline, "expired", RequestStatus.Succeeded, pipeline.Time.GetUtcNow() - pipeline.Options.RequestRetention - TimeSpan.FromMinutes(1));

        var report = await pipeline.Services.GetRequiredService<RequestReconciler>().ReconcileAsync(CancellationToken.None);

        Assert.Equal(1, report.Expired);
        Assert.Empty(await RequestIdsAsync(pipeline));
    }

    [Fact]
    public async Task Sweep_WithinTheHourOfTheLast_WaitsForItsTime()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var retention = pipeline.Services.GetRequiredService<RequestRetention>();
        await retention.SweepIfDueAsync(CancellationToken.None);
        await AddAsync(pipeline, "expired", RequestStatus.Dispatched, pipeline.Time.GetUtcNow() - pipeline.Options.RequestRetention - TimeSpan.FromMinutes(1));

        pipeline.Time.Advance(RequestRetention.SweepEvery - TimeSpan.FromMinutes(1));
        var early = await retention.SweepIfDueAsync(CancellationToken.None);
        pipeline.Time.Advance(TimeSpan.FromMinutes(1));
        var due = await retention.SweepIfDueAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Empty(await RequestIdsAsync(pipeline));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(1, false)]
    public async Task Sweep_JobsNotWrittenForTheRetention_Deleted(int minutesPastTheRetention, bool kept)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.JobIndex.AddTokenAsync("job-1", "0123456789abcdef0123456789abcdef", "hash", CancellationToken.None);
        pipeline.Time.Advance(pipeline.Options.RequestRetention + TimeSpan.FromMinutes(minutesPastTheRetention));

        await pipeline.Services.GetRequiredService<RequestRetention>().SweepIfDueAsync(CancellationToken.None);

        Assert.Equal(kept, await pipeline.JobIndex.FindAsync("job-1", CancellationToken.None) is not null);
    }

    [Fact]
    public async Task TableSweep_TableNotCreatedYet_NothingToDelete()
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var table = pipeline.Clients.Tables.GetTableClient($"never{Guid.NewGuid():N}");

        var deleted = await TableSweep.DeleteAsync(table, TableSweep.WrittenBefore(DateTimeOffset.UtcNow), 10, CancellationToken.None);

        Assert.Equal(0, deleted);
    }

    [Fact]
    public void RequestRetention_LessThanADay_IsRefused()
    {
        var options = new RedeployOptions { RequestRetention = TimeSpan.FromHours(23) };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RedeployOptions.RequestRetention)));
    }

    private static async Task AddAsync(TestPipeline pipeline, string requestId, RequestStatus status, DateTimeOffset receivedAt) =>
        await pipeline.Requests.TryCreateAsync(
            new RequestRecord("0123456789abcdef0123456789abcdef", requestId, "shop", status, receivedAt, "Generic", DeliveryId: null, Summary: null),
            CancellationToken.None);

    private static async Task<List<string>> RequestIdsAsync(TestPipeline pipeline)
    {
        var ids = new List<string>();
        await foreach (var entity in pipeline.Clients.Tables.GetTableClient(pipeline.Options.RequestsTable).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
        {
            ids.Add(entity.RowKey);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
