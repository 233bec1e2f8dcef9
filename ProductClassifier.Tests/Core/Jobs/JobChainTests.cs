using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Jobs;

public sealed class JobChainTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<int> CatalogueAsync()
    {
        await using var db = database.Open();
        return (await CatalogueStore.GetOrCreateAsync(db, "chain-" + Guid.NewGuid())).Id;
    }

    [Fact]
    public async Task Queues_only_the_first_step_and_each_next_one_once_the_one_before_succeeded()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var first = await JobChain.QueueAsync(db, catalogue,
        [
            new JobStep("featurize"), new JobStep("train", new JsonObject { ["epochs"] = 4 }), new JobStep("open-round"),
        ]);

        Assert.Equal(1, await db.Jobs.CountAsync(j => j.CatalogueId == catalogue));
        Assert.Equal(["train", "open-round"], JobChain.Remaining(first.Parameters).Select(s => s.Kind));

        var second = await JobChain.ContinueAsync(db, first);
        Assert.NotNull(second);
        Assert.Equal("train", second.Kind);
        Assert.Equal(4, JsonNode.Parse(second.Parameters)!["epochs"]!.GetValue<int>());
        Assert.Equal(["open-round"], JobChain.Remaining(second.Parameters).Select(s => s.Kind));

        // The first job run again (its worker died after queuing the next) does not queue the next twice.
        Assert.Null(await JobChain.ContinueAsync(db, first));
        var third = await JobChain.ContinueAsync(db, second);
        Assert.Equal("open-round", third!.Kind);
        Assert.Empty(JobChain.Remaining(third.Parameters));
        Assert.Null(await JobChain.ContinueAsync(db, third));
        Assert.Equal(["featurize", "train", "open-round"],
            await db.Jobs.Where(j => j.CatalogueId == catalogue).OrderBy(j => j.Id).Select(j => j.Kind).ToListAsync());
    }

    [Fact]
    public async Task An_ingest_queues_featurize_then_predictions_only_when_a_model_is_active()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var entity = await db.Catalogues.SingleAsync(c => c.Id == catalogue);

        var withoutModel = await JobKinds.QueueAfterIngestAsync(db, entity, [1, 2, 3]);
        Assert.Equal(JobKinds.Featurize, withoutModel!.Kind);
        Assert.Equal([1L, 2, 3], JsonNode.Parse(withoutModel.Parameters)!["productIds"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Empty(JobChain.Remaining(withoutModel.Parameters));
        Assert.Null(await JobKinds.QueueAfterIngestAsync(db, entity, []));

        db.ModelVersions.Add(new ProductClassifier.Core.ModelVersions.ModelVersion { CatalogueId = catalogue, Number = 1, Folder = "v1", Members = "linear", IsActive = true });
        await db.SaveChangesAsync();
        var withModel = await JobKinds.QueueAfterIngestAsync(db, entity, [7]);
        var then = Assert.Single(JobChain.Remaining(withModel!.Parameters));
        Assert.Equal(JobKinds.PredictAll, then.Kind);
        Assert.Equal(7, then.Parameters!["productIds"]![0]!.GetValue<long>());
    }

    [Fact]
    public async Task A_failed_step_run_again_carries_the_rest_of_its_chain_and_is_queued_once_however_often_it_is_asked()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var queue = new JobQueue(db);
        var first = await JobChain.QueueAsync(db, catalogue, [new JobStep("featurize-" + catalogue, new JsonObject { ["limit"] = 7 }), new JobStep("train"), new JobStep("open-round")]);
        var claimed = await queue.ClaimAsync("w1", ["featurize-" + catalogue]);
        Assert.Equal(first.Id, claimed!.Id);
        await queue.FinishAsync(first.Id, "w1", JobStatus.Failed, "ExternalException: Unknown scalar type");

        // Two people (or a double click) at once: one new job, the same for both.
        var retries = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var own = database.Open();
            return await new JobQueue(own).RetryAsync(first.Id);
        }));
        Assert.Equal(retries[0].Id, retries[1].Id);
        Assert.Equal(retries[0].Id, (await new JobQueue(db).RetryAsync(first.Id)).Id);
        var retry = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == retries[0].Id);
        Assert.Equal((JobStatus.Queued, "featurize-" + catalogue), (retry.Status, retry.Kind));
        Assert.Equal(7, JsonNode.Parse(retry.Parameters)!["limit"]!.GetValue<int>());
        Assert.Equal(first.Id, JsonNode.Parse(retry.Parameters)![JobQueue.RetryOf]!.GetValue<long>());
        Assert.Equal(["train", "open-round"], JobChain.Remaining(retry.Parameters).Select(s => s.Kind));
        Assert.Equal(2, await db.Jobs.CountAsync(j => j.CatalogueId == catalogue));

        // Succeeding, the retry goes on with the chain the failure had ended.
        Assert.Equal(retry.Id, (await queue.ClaimAsync("w2", ["featurize-" + catalogue]))!.Id);
        await queue.FinishAsync(retry.Id, "w2", JobStatus.Succeeded);
        var next = await JobChain.ContinueAsync(db, retry);
        Assert.Equal("train", next!.Kind);
        Assert.Equal(["open-round"], JobChain.Remaining(next.Parameters).Select(s => s.Kind));
    }

    [Fact]
    public async Task Only_a_failed_or_cancelled_job_can_be_run_again_and_the_refusal_says_why()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var queue = new JobQueue(db);
        var queued = await queue.EnqueueAsync(catalogue, "train");
        var refusal = await Assert.ThrowsAsync<ProductClassifier.Core.UserFacingException>(() => queue.RetryAsync(queued.Id));
        Assert.Equal($"Job {queued.Id} (train) is queued: only a failed or cancelled job can be run again.", refusal.Message);
        Assert.Contains("no job", (await Assert.ThrowsAsync<ProductClassifier.Core.UserFacingException>(() => queue.RetryAsync(-1))).Message);

        await queue.CancelAsync(queued.Id);
        var retry = await queue.RetryAsync(queued.Id);
        Assert.Equal((JobStatus.Queued, "train"), (retry.Status, retry.Kind));
        Assert.Equal(2, await db.Jobs.CountAsync(j => j.CatalogueId == catalogue));
    }
}
