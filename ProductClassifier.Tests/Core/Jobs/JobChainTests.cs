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
}
