using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.Metrics;

/// <summary>
/// A version's served ensemble per category, from its stored rows (<see cref="CategoryScore"/>, <see cref="LevelScore"/>):
/// one row per category of the catalogue's tree (a category the evaluation did not score has no scores), and the
/// per-level summary the evaluation computed.
/// </summary>
public sealed record VersionMetrics(ModelVersion Version, IReadOnlyList<CategoryMetricsRow> Rows, IReadOnlyList<LevelSummary> Levels)
{
    public static async Task<VersionMetrics> LoadAsync(ClassifierDb db, ModelVersion version, CancellationToken ct)
    {
        var scores = await db.CategoryScores.AsNoTracking().Where(s => s.ModelVersionId == version.Id).ToListAsync(ct);
        var truth = scores.Where(s => s.Set == StoredEvaluation.GroundTruth).ToDictionary(s => s.CategoryId, SetScores.Of);
        var rules = scores.Where(s => s.Set == StoredEvaluation.RuleTest).ToDictionary(s => s.CategoryId, SetScores.Of);
        var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == version.CatalogueId)
            .OrderBy(c => c.Path).Select(c => new { c.Id, c.Path, c.Depth }).ToListAsync(ct);
        var rows = categories.Select(c => new CategoryMetricsRow(c.Id, c.Path, c.Depth, truth.GetValueOrDefault(c.Id), rules.GetValueOrDefault(c.Id))).ToList();

        var levels = await db.LevelScores.AsNoTracking().Where(s => s.ModelVersionId == version.Id).ToListAsync(ct);
        LevelScore? Level(string set, int level) => levels.FirstOrDefault(l => l.Set == set && l.Level == level);
        LevelSummary Summary(int? level, int count)
        {
            var (t, r) = (Level(StoredEvaluation.GroundTruth, level ?? LevelScore.AllLevels), Level(StoredEvaluation.RuleTest, level ?? LevelScore.AllLevels));
            return new LevelSummary(level, count, t?.MacroF1, t?.MicroF1, r?.MacroF1, r?.MicroF1);
        }
        var summary = rows.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => Summary(g.Key, g.Count())).Prepend(Summary(null, rows.Count)).ToList();
        return new VersionMetrics(version, rows, summary);
    }
}
