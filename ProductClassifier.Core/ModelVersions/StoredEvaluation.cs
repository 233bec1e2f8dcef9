using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A version's evaluation as stored: the whole JSON (<see cref="ModelEvaluation"/>, the shape <c>./pc evaluate --json</c>
/// writes: <c>{"models": [{"model", "sets": {"ruleTest", "groundTruth"}}]}</c>) for export, and the served ensemble's
/// results taken out of it into rows (<see cref="CategoryScore"/>, <see cref="LevelScore"/>) for the pages. On Google's
/// taxonomy the JSON is about 12 MB; reading a page's 5,595 rows out of it cost seconds, reading them from their table
/// tens of milliseconds (BENCHMARKS.md, the console).
/// </summary>
public static class StoredEvaluation
{
    /// <summary>The ensemble a version serves, under this name in its evaluation.</summary>
    public const string Served = "ensemble";

    /// <summary>The rules themselves, scored as a model.</summary>
    public const string Rules = "rules";

    /// <summary>The rule-labelled test set: what the rules said about the test products, as truth.</summary>
    public const string RuleTest = "ruleTest";

    /// <summary>The ground-truth set: the test products' reference labels, else labellers' decisions.</summary>
    public const string GroundTruth = "groundTruth";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores <paramref name="metricsJson"/> as the version's evaluation, replacing any before, with the served ensemble's
    /// per-category and per-level rows; in the caller's transaction when one is open. A category of the evaluation that
    /// the catalogue no longer has gets no row (the JSON keeps it).
    /// </summary>
    /// <exception cref="UserFacingException">The JSON does not parse.</exception>
    public static async Task StoreAsync(ClassifierDb db, ModelVersion version, string metricsJson, CancellationToken ct)
    {
        var sets = ServedSets(version, metricsJson);
        await db.ModelEvaluations.Where(e => e.ModelVersionId == version.Id).ExecuteDeleteAsync(ct);
        await db.CategoryScores.Where(s => s.ModelVersionId == version.Id).ExecuteDeleteAsync(ct);
        await db.LevelScores.Where(s => s.ModelVersionId == version.Id).ExecuteDeleteAsync(ct);
        var evaluation = new ModelEvaluation { ModelVersionId = version.Id, Metrics = metricsJson };
        var levels = sets.SelectMany(s => s.Value.Levels.Where(l => l.Level != LevelScore.AllLevels).DistinctBy(l => l.Level)
                .Select(l => new LevelScore { ModelVersionId = version.Id, Set = s.Key, Level = l.Level, MacroF1 = l.MacroF1, MicroF1 = l.MicroF1 })
                .Prepend(new LevelScore { ModelVersionId = version.Id, Set = s.Key, Level = LevelScore.AllLevels, MacroF1 = s.Value.MacroF1, MicroF1 = s.Value.MicroF1 }))
            .ToList();
        db.ModelEvaluations.Add(evaluation);
        db.LevelScores.AddRange(levels);
        await db.SaveChangesAsync(ct);
        // Untracked again, so that storing the version's next evaluation in this context does not meet them.
        db.Entry(evaluation).State = EntityState.Detached;
        foreach (var level in levels) db.Entry(level).State = EntityState.Detached;
        if (sets.Count > 0) await CopyCategoriesAsync(db, version, sets, ct);
    }

    /// <summary>The version's whole evaluation JSON; null when the version has none stored.</summary>
    public static Task<string?> JsonAsync(ClassifierDb db, int versionId, CancellationToken ct = default) =>
        db.ModelEvaluations.Where(e => e.ModelVersionId == versionId).Select(e => e.Metrics).SingleOrDefaultAsync(ct);

    /// <summary>The served ensemble's macro- and micro-F1 on both sets, per version of the catalogue.</summary>
    public static async Task<IReadOnlyDictionary<int, VersionScores>> ScoresAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        var rows = await db.LevelScores.AsNoTracking()
            .Where(s => s.Level == LevelScore.AllLevels && db.ModelVersions.Any(v => v.Id == s.ModelVersionId && v.CatalogueId == catalogueId))
            .ToListAsync(ct);
        var ids = await db.ModelVersions.Where(v => v.CatalogueId == catalogueId).Select(v => v.Id).ToListAsync(ct);
        return ids.ToDictionary(id => id, id =>
        {
            var truth = rows.FirstOrDefault(r => r.ModelVersionId == id && r.Set == GroundTruth);
            var rules = rows.FirstOrDefault(r => r.ModelVersionId == id && r.Set == RuleTest);
            return new VersionScores(truth?.MacroF1, truth?.MicroF1, rules?.MacroF1, rules?.MicroF1);
        });
    }

    // The served ensemble's results on the two test sets the pages show; none when the evaluation holds no such model.
    private static Dictionary<string, EvaluationResult> ServedSets(ModelVersion version, string metricsJson)
    {
        try
        {
            using var json = JsonDocument.Parse(metricsJson);
            if (!json.RootElement.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array) return [];
            var served = models.EnumerateArray().FirstOrDefault(m => m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("model", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == Served);
            if (served.ValueKind != JsonValueKind.Object || !served.TryGetProperty("sets", out var sets) || sets.ValueKind != JsonValueKind.Object) return [];
            return sets.EnumerateObject().Where(s => s.Name is GroundTruth or RuleTest && s.Value.ValueKind == JsonValueKind.Object)
                .ToDictionary(s => s.Name, s => s.Value.Deserialize<EvaluationResult>(Json) is { Levels: not null, Categories: not null } result ? result
                    : throw new JsonException($"set '{s.Name}' of model '{Served}' lacks its levels or categories"));
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"The evaluation of model version {version.Number} (id {version.Id}) is not an evaluation as " +
                $"'./pc evaluate --json' writes it: {e.Message}. Nothing was stored.", e);
        }
    }

    private static async Task CopyCategoriesAsync(ClassifierDb db, ModelVersion version, Dictionary<string, EvaluationResult> sets, CancellationToken ct)
    {
        var categoryIds = await db.Categories.Where(c => c.CatalogueId == version.CatalogueId).ToDictionaryAsync(c => c.Path, c => c.Id, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var import = await connection.BeginBinaryImportAsync(
                "COPY category_scores (model_version_id, set, category_id, support, precision, recall, f1, average_precision) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (set, result) in sets)
                foreach (var category in result.Categories.DistinctBy(c => c.Category))
                {
                    if (!categoryIds.TryGetValue(category.Category, out var categoryId)) continue; // deleted since the evaluation
                    await import.StartRowAsync(ct);
                    await import.WriteAsync(version.Id, NpgsqlDbType.Integer, ct);
                    await import.WriteAsync(set, NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(categoryId, NpgsqlDbType.Integer, ct);
                    await import.WriteAsync(category.Support, NpgsqlDbType.Integer, ct);
                    await import.WriteAsync(category.Precision, NpgsqlDbType.Double, ct);
                    await import.WriteAsync(category.Recall, NpgsqlDbType.Double, ct);
                    await import.WriteAsync(category.F1, NpgsqlDbType.Double, ct);
                    await import.WriteAsync(category.AveragePrecision, NpgsqlDbType.Double, ct);
                }
            await import.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
