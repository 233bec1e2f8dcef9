using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Tests.Web;

namespace ProductClassifier.Tests.Core.Data;

/// <summary>
/// The migration that moved evaluations out of <c>model_versions.metrics</c>: a database from before it, with versions
/// evaluated, comes out of it with the same rows that storing those evaluations today writes (and going back restores the column).
/// </summary>
public sealed class EvaluationRowsMigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Before = "20261205051331_SimilaritySettings";

    [Fact]
    public async Task Upgrading_takes_the_served_ensembles_results_out_of_each_stored_evaluation_as_storing_does()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var json = await StoredEvaluation.JsonAsync(db, seeded.V2.Id);
        var categories = await CategoryRowsAsync(db);
        var levels = await LevelRowsAsync(db);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(Before);
        var restored = await db.Database.SqlQuery<string>($"SELECT metrics::text AS \"Value\" FROM model_versions WHERE id = {seeded.V2.Id}").SingleAsync();
        var scoreTables = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_tables WHERE tablename IN ('category_scores', 'level_scores', 'model_evaluations')").SingleAsync();
        await migrator.MigrateAsync();

        Assert.Equal(json, restored);
        Assert.Equal(0, scoreTables);
        Assert.Equal(json, await StoredEvaluation.JsonAsync(db, seeded.V2.Id));
        Assert.NotEmpty(categories);
        Assert.Equal(categories, await CategoryRowsAsync(db));
        Assert.Equal(levels, await LevelRowsAsync(db));
    }

    private static async Task<List<string>> CategoryRowsAsync(ProductClassifier.Core.Data.ClassifierDb db) =>
        (await db.CategoryScores.AsNoTracking().ToListAsync())
        .Select(s => $"{s.ModelVersionId} {s.Set} {s.CategoryId} {s.Support} {s.Precision:R} {s.Recall:R} {s.F1:R} {s.AveragePrecision:R}").Order().ToList();

    private static async Task<List<string>> LevelRowsAsync(ProductClassifier.Core.Data.ClassifierDb db) =>
        (await db.LevelScores.AsNoTracking().ToListAsync()).Select(s => $"{s.ModelVersionId} {s.Set} {s.Level} {s.MacroF1:R} {s.MicroF1:R}").Order().ToList();
}
