using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class RoundContinuationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static async Task DecideAsync(TestRound round, int items)
    {
        var queue = round.Queue();
        for (var i = 0; i < items; i++)
        {
            var item = await queue.NextAsync(round.CatalogueId, "ann");
            await queue.DecideAsync("ann", item!.Product.Id, []);
        }
    }

    private static async Task AutoContinueAsync(TestRound round, bool on)
    {
        await using var db = round.Database.Open();
        await RoundSettingsStore.SaveAsync(db, new RoundSettings { CatalogueId = round.CatalogueId, AutoContinue = on, BatchSize = 7, Seed = 3 });
    }

    [Fact]
    public async Task A_fully_decided_round_of_a_catalogue_that_continues_by_itself_queues_one_fine_tune_job()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        await AutoContinueAsync(round, on: true);
        await using var db = database.Open();

        await DecideAsync(round, 2);
        Assert.Null(await RoundContinuation.QueueIfDecidedAsync(db, round.CatalogueId));

        await DecideAsync(round, 1);
        var jobs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var racing = database.Open();
            return await RoundContinuation.QueueIfDecidedAsync(racing, round.CatalogueId);
        }));

        var job = Assert.Single(jobs.OfType<Job>());
        Assert.Equal(JobKinds.FineTuneRound, job.Kind);
        Assert.Contains("\"batchSize\":7", job.Parameters);
        Assert.Contains("\"openNext\":true", job.Parameters);
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.CatalogueId == round.CatalogueId));
    }

    [Fact]
    public async Task A_catalogue_that_waits_for_people_gets_no_job()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        await AutoContinueAsync(round, on: false);
        await DecideAsync(round, 2);
        await using var db = database.Open();

        Assert.True(await RoundContinuation.IsFullyDecidedAsync(db, round.BatchId));
        Assert.Null(await RoundContinuation.QueueIfDecidedAsync(db, round.CatalogueId));
    }

    [Fact]
    public async Task Settings_out_of_range_are_refused_with_the_reason()
    {
        var round = await TestRound.CreateAsync(database, items: 1);
        await using var db = database.Open();

        var batch = await Assert.ThrowsAsync<ProductClassifier.Core.UserFacingException>(() =>
            RoundSettingsStore.SaveAsync(db, new RoundSettings { CatalogueId = round.CatalogueId, BatchSize = 0 }));
        Assert.Contains("Batch size 0", batch.Message);
        var overlap = await Assert.ThrowsAsync<ProductClassifier.Core.UserFacingException>(() =>
            RoundSettingsStore.SaveAsync(db, new RoundSettings { CatalogueId = round.CatalogueId, OverlapFraction = 1.5 }));
        Assert.Contains("Overlap share", overlap.Message);
        Assert.Equal(RoundSettings.DefaultBatchSize, (await RoundSettingsStore.GetAsync(db, round.CatalogueId)).BatchSize);
    }
}
