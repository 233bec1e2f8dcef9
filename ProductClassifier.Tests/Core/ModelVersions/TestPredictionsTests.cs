using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Tests.Web;

namespace ProductClassifier.Tests.Core.ModelVersions;

/// <summary>What a version keeps of its evaluation in Postgres: its test predictions, read back.</summary>
public sealed class TestPredictionsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static async Task<Dictionary<string, TestPrediction>> StoredAsync(ClassifierDb db, ScoredCatalogue seeded, int versionId, string path) =>
        await db.TestPredictions.AsNoTracking().Where(p => p.ModelVersionId == versionId && p.CategoryId == seeded.Categories[path])
            .Join(db.Products, p => p.ProductId, p => p.Id, (p, product) => new { product.Title, Prediction = p })
            .ToDictionaryAsync(x => x.Title!, x => x.Prediction);

    [Fact]
    public async Task Registering_a_version_stores_its_predicted_and_positive_pairs_but_no_true_negatives()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);

        var cookware = await StoredAsync(db, seeded, seeded.V1.Id, ScoredCatalogue.Cookware);

        // Predicted, or a pan by the ground truth or by r-pan: the five pans and the pan-shaped cup; no other cup, no puzzle.
        Assert.Equal(["cast iron pan", "enamel pan", "pan-shaped cup", "saucepan with lid", "steel frying pan"], cookware.Keys.Order());
        var cup = cookware["pan-shaped cup"];
        Assert.Equal((0.8f, true, (bool?)false, true), (cup.Probability, cup.Predicted, cup.GroundTruth, cup.RuleLabel));
        var castIron = cookware["cast iron pan"];
        Assert.Equal((0.3f, false, (bool?)true, true), (castIron.Probability, castIron.Predicted, castIron.GroundTruth, castIron.RuleLabel));
        Assert.False(cookware["saucepan with lid"].RuleLabel);
        Assert.Equal(0.8f, (await StoredAsync(db, seeded, seeded.V2.Id, ScoredCatalogue.Cookware))["cast iron pan"].Probability);
    }

    [Fact]
    public async Task A_predicted_category_makes_its_ancestors_predicted_as_the_evaluation_counts_them()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var corpus = await CorpusLoader.FromDatabaseAsync(db, seeded.Catalogue, _ => null);
        var row = corpus.Products.ToList().FindIndex(p => p.Title == "enamel pan");
        var probabilities = new float[corpus.CategoryCount];
        int Index(string path) => corpus.Categories.Single(c => c.Path == path).Index;
        probabilities[Index(ScoredCatalogue.Cookware)] = 0.4f; // above its own threshold of 0.3
        probabilities[Index("Home > Kitchen")] = 0.2f;
        var thresholds = Enumerable.Repeat(0.5f, corpus.CategoryCount).ToArray();
        thresholds[Index(ScoredCatalogue.Cookware)] = 0.3f;

        var rows = TestPredictions.Collect(corpus, [row], probabilities, thresholds).ToDictionary(r => r.CategoryPath);

        Assert.Equal(["Home", "Home > Kitchen", ScoredCatalogue.Cookware], rows.Keys.Order());
        Assert.All(rows.Values, r => Assert.True(r.Predicted));
        Assert.Equal(0.2f, rows["Home > Kitchen"].Probability);
        Assert.Throws<ArgumentException>(() => TestPredictions.Collect(corpus, [row, row], probabilities, thresholds));
    }

    [Fact]
    public async Task Storing_a_fresh_evaluation_replaces_the_versions_metrics_and_test_predictions()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var version = await db.ModelVersions.SingleAsync(v => v.Id == seeded.V1.Id);
        var product = seeded.Products["jigsaw"];

        await ModelStore.StoreEvaluationAsync(db, version, """{"models": []}""",
            [new TestPredictionRow(product, ScoredCatalogue.Puzzles, 0.9f, true, true, false)], CancellationToken.None);

        var stored = await db.TestPredictions.AsNoTracking().Where(p => p.ModelVersionId == version.Id).ToListAsync();
        var only = Assert.Single(stored);
        Assert.Equal((product, seeded.Categories[ScoredCatalogue.Puzzles], 0.9f), (only.ProductId, only.CategoryId, only.Probability));
        Assert.Equal("""{"models": []}""", await StoredEvaluation.JsonAsync(db, version.Id));
        Assert.Empty(await db.CategoryScores.Where(s => s.ModelVersionId == version.Id).ToListAsync());
        Assert.Empty(await db.LevelScores.Where(s => s.ModelVersionId == version.Id).ToListAsync());
        Assert.NotEmpty(await db.CategoryScores.Where(s => s.ModelVersionId == seeded.V2.Id).ToListAsync());
        Assert.NotEmpty(await db.TestPredictions.Where(p => p.ModelVersionId == seeded.V2.Id).ToListAsync()); // the other version keeps its own
    }
}
