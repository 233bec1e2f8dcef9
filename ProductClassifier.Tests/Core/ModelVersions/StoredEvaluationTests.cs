using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Tests.Web;

namespace ProductClassifier.Tests.Core.ModelVersions;

/// <summary>
/// A version's evaluation as Postgres keeps it: the whole JSON apart from the version's row, and the served ensemble's
/// per-category and per-level results as rows that agree with the JSON.
/// </summary>
public sealed class StoredEvaluationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Registering_a_version_keeps_its_evaluation_and_the_served_ensembles_results_as_rows()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);

        var json = await StoredEvaluation.JsonAsync(db, seeded.V2.Id);
        var rows = await db.CategoryScores.AsNoTracking().Where(s => s.ModelVersionId == seeded.V2.Id).ToListAsync();
        var levels = await db.LevelScores.AsNoTracking().Where(s => s.ModelVersionId == seeded.V2.Id).ToListAsync();

        using var document = JsonDocument.Parse(json!);
        var models = document.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "linear"); // the JSON keeps every model
        var served = models.Single(m => m.GetProperty("model").GetString() == StoredEvaluation.Served).GetProperty("sets");
        foreach (var set in new[] { StoredEvaluation.GroundTruth, StoredEvaluation.RuleTest })
        {
            var categories = served.GetProperty(set).GetProperty("categories").EnumerateArray().ToList();
            Assert.Equal(categories.Count, rows.Count(r => r.Set == set));
            foreach (var category in categories)
            {
                var row = rows.Single(r => r.Set == set && r.CategoryId == seeded.Categories[category.GetProperty("category").GetString()!]);
                Assert.Equal((category.GetProperty("support").GetInt32(), category.GetProperty("f1").GetDouble(), category.GetProperty("precision").GetDouble(),
                    category.GetProperty("recall").GetDouble(), category.GetProperty("averagePrecision").GetDouble()),
                    (row.Support, row.F1, row.Precision, row.Recall, row.AveragePrecision));
            }
            var all = levels.Single(l => l.Set == set && l.Level == LevelScore.AllLevels);
            Assert.Equal((served.GetProperty(set).GetProperty("macroF1").GetDouble(), served.GetProperty(set).GetProperty("microF1").GetDouble()), (all.MacroF1, all.MicroF1));
            Assert.Equal([1, 2, 3], levels.Where(l => l.Set == set && l.Level != LevelScore.AllLevels).Select(l => l.Level).Order());
        }
        Assert.Equal(1.0, rows.Single(r => r.Set == StoredEvaluation.GroundTruth && r.CategoryId == seeded.Categories[ScoredCatalogue.Cookware]).F1, 6);
        Assert.Equal(0.75, rows.Single(r => r.Set == StoredEvaluation.RuleTest && r.CategoryId == seeded.Categories[ScoredCatalogue.Cookware]).F1, 6);
    }

    [Fact]
    public async Task Scores_are_read_per_version_and_a_version_without_an_evaluation_has_none()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var old = new ModelVersion { CatalogueId = seeded.Catalogue.Id, Number = 3, Folder = "old", Members = "linear" };
        db.ModelVersions.Add(old);
        await db.SaveChangesAsync();

        var scores = await StoredEvaluation.ScoresAsync(db, seeded.Catalogue.Id);

        Assert.Equal(0.923, scores[seeded.V2.Id].GroundTruthMicroF1!.Value, 3);
        Assert.NotEqual(scores[seeded.V1.Id], scores[seeded.V2.Id]);
        Assert.Equal(new VersionScores(null, null, null, null), scores[old.Id]);
        Assert.Null(await StoredEvaluation.JsonAsync(db, old.Id));
    }

    [Fact]
    public async Task An_evaluation_that_is_not_json_is_refused_naming_the_version_and_nothing_is_registered()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var models = new ModelStore(Path.GetTempPath());

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => models.RegisterAsync(db, seeded.Catalogue,
            new VersionRegistration(7, $"{seeded.Catalogue.Name}/v7", "linear", """{"models": [{"model": "ensemble", "sets": {"groundTruth": {"macroF1": "high"}}}]}""", "cpu"),
            activate: true, CancellationToken.None));

        Assert.Contains("model version 7", refused.Message);
        await using var fresh = database.Open();
        Assert.False(await fresh.ModelVersions.AnyAsync(v => v.CatalogueId == seeded.Catalogue.Id && v.Number == 7));
        Assert.True((await fresh.ModelVersions.SingleAsync(v => v.Id == seeded.V2.Id)).IsActive);
    }
}
