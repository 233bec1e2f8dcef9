using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.Metrics;

/// <summary>
/// A version's served ensemble per category, from its stored evaluation: one row per category of the catalogue's tree
/// (a category the evaluation did not score has no scores), and the per-level summary the evaluation computed.
/// </summary>
public sealed record VersionMetrics(ModelVersion Version, IReadOnlyList<CategoryMetricsRow> Rows, IReadOnlyList<LevelSummary> Levels)
{
    public static async Task<VersionMetrics> LoadAsync(ClassifierDb db, ModelVersion version, CancellationToken ct)
    {
        var sets = await StoredEvaluation.LoadAsync(db, version.Id, StoredEvaluation.Served, ct);
        var truth = sets.GetValueOrDefault(StoredEvaluation.GroundTruth);
        var rules = sets.GetValueOrDefault(StoredEvaluation.RuleTest);
        var byPathTruth = ByPath(truth);
        var byPathRules = ByPath(rules);
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == version.CatalogueId)
            .OrderBy(c => c.Path).Select(c => new { c.Id, c.Path, c.Depth }).ToListAsync(ct);
        var rows = categories.Select(c => new CategoryMetricsRow(c.Id, c.Path, c.Depth,
            SetScores.Of(byPathTruth.GetValueOrDefault(c.Path)), SetScores.Of(byPathRules.GetValueOrDefault(c.Path)))).ToList();

        var levels = rows.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => new LevelSummary(g.Key, g.Count(),
                Level(truth, g.Key)?.MacroF1, Level(truth, g.Key)?.MicroF1, Level(rules, g.Key)?.MacroF1, Level(rules, g.Key)?.MicroF1))
            .Prepend(new LevelSummary(null, rows.Count, truth?.MacroF1, truth?.MicroF1, rules?.MacroF1, rules?.MicroF1)).ToList();
        return new VersionMetrics(version, rows, levels);
    }

    private static Dictionary<string, CategoryMetrics> ByPath(EvaluationResult? result) =>
        result?.Categories.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.First()) ?? [];

    private static LevelMetrics? Level(EvaluationResult? result, int level) => result?.Levels.FirstOrDefault(l => l.Level == level);
}
