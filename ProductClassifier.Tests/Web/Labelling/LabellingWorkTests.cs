using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

/// <summary>Where a labeller's work is, on Postgres: the open rounds by catalogue name, and when the next round comes.</summary>
public sealed class LabellingWorkTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTime Now = new(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc);

    private LabellingWork Work() => new(new TestDbContextFactory(database), new FixedClock(Now));

    [Fact]
    public async Task Open_rounds_are_listed_by_catalogue_name_with_their_progress_and_finished_rounds_are_not()
    {
        await using var db = database.Open();
        var (open, finished) = (await TestCatalogue.CreateAsync(db), await TestCatalogue.CreateAsync(db));
        var products = new List<long>();
        for (var i = 0; i < 3; i++) products.Add((await TestCatalogue.AddProductAsync(db, open.Id, $"product {i}")).Id);
        var version = new ModelVersion { CatalogueId = finished.Id, Number = 2, Folder = "v2", Members = "linear" };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync();
        var batch = new LabellingBatch { CatalogueId = open.Id, Round = 2 };
        db.LabellingBatches.AddRange(batch, new LabellingBatch { CatalogueId = finished.Id, Round = 1, ResultVersionId = version.Id });
        await db.SaveChangesAsync();
        db.BatchItems.AddRange(products.Select((p, i) => new BatchItem { BatchId = batch.Id, ProductId = p, Position = i, InclusionProbability = 1 }));
        db.LabelDecisions.Add(new LabelDecision { ProductId = products[1], Labeller = "ana", BatchId = batch.Id, PositiveCategoryIds = [] });
        await db.SaveChangesAsync();

        var rounds = await Work().OpenRoundsAsync();

        Assert.Contains(new OpenRoundChoice(open.Name, 2, 3, 1), rounds);
        Assert.DoesNotContain(rounds, r => r.Catalogue == finished.Name);
    }

    [Fact]
    public async Task With_a_fine_tune_under_way_the_labeller_is_told_the_next_round_follows_it_and_about_when()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        db.LabellingBatches.Add(new LabellingBatch { CatalogueId = catalogue.Id, Round = 1 });
        // Picking a batch took 30 s last time; the fine-tune has run a minute and is half done: about 90 s to go.
        db.Jobs.Add(new Job
        {
            CatalogueId = catalogue.Id,
            Kind = JobKinds.OpenRound,
            Status = JobStatus.Succeeded,
            StartedAt = Now.AddHours(-1),
            FinishedAt = Now.AddHours(-1).AddSeconds(30),
        });
        db.Jobs.Add(new Job
        {
            CatalogueId = catalogue.Id,
            Kind = JobKinds.FineTuneRound,
            Status = JobStatus.Running,
            Parameters = """{"openNext": true}""",
            StartedAt = Now.AddMinutes(-1),
            Progress = 0.5,
        });
        await db.SaveChangesAsync();

        var told = await Work().NextRoundAsync(catalogue.Id, catalogue.Name);

        Assert.Equal($"No round of '{catalogue.Name}' is open yet: the model is learning from round 1's labels; round 2 opens after that, in about 2 min. "
            + "This page shows it when it opens.", told);
    }

    [Fact]
    public async Task With_the_first_start_preparing_the_catalogue_the_labeller_is_told_round_1_follows_it()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await JobChain.QueueAsync(db, catalogue.Id, [new JobStep(JobKinds.Featurize), new JobStep(JobKinds.Train), new JobStep(JobKinds.OpenRound)]);

        var told = await Work().NextRoundAsync(catalogue.Id, catalogue.Name);

        Assert.StartsWith($"No round of '{catalogue.Name}' is open yet: the worker is preparing the catalogue (featurize, then train); round 1 opens after that", told);
    }

    [Fact]
    public async Task With_nothing_planned_the_labeller_is_told_who_opens_the_next_round()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);

        var told = await Work().NextRoundAsync(catalogue.Id, catalogue.Name);

        Assert.Equal($"'{catalogue.Name}' has no open labelling round, and none is planned: a data scientist opens the next one on the Rounds page.", told);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
