using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Web.Metrics;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>Two versions' served ensembles side by side per category, on one test set, biggest change first.</summary>
public sealed record VersionComparison(int NumberA, int NumberB, IReadOnlyList<ComparisonRow> Rows, ComparisonSummary Summary)
{
    /// <summary>A change of F1 larger than this (one point) counts as better or worse.</summary>
    public const double Point = 0.01;

    /// <summary>Categories either version has true products of; one missing from a version's evaluation scores 0 there.</summary>
    public static async Task<VersionComparison> LoadAsync(ClassifierDb db, ModelVersion a, ModelVersion b, ErrorSet set, CancellationToken ct)
    {
        var name = set == ErrorSet.GroundTruth ? StoredEvaluation.GroundTruth : StoredEvaluation.RuleTest;
        var scores = await (from s in db.CategoryScores
                            where (s.ModelVersionId == a.Id || s.ModelVersionId == b.Id) && s.Set == name
                            join c in db.Categories on s.CategoryId equals c.Id
                            select new { s.ModelVersionId, c.Path, s.Support, s.F1, s.Precision, s.Recall }).ToListAsync(ct);
        var totals = await db.LevelScores.AsNoTracking()
            .Where(s => (s.ModelVersionId == a.Id || s.ModelVersionId == b.Id) && s.Set == name && s.Level == LevelScore.AllLevels).ToListAsync(ct);
        var byPathA = scores.Where(s => s.ModelVersionId == a.Id).ToDictionary(s => s.Path);
        var byPathB = scores.Where(s => s.ModelVersionId == b.Id).ToDictionary(s => s.Path);
        var rows = byPathA.Keys.Union(byPathB.Keys)
            .Select(path => (A: byPathA.GetValueOrDefault(path), B: byPathB.GetValueOrDefault(path), Path: path))
            .Where(x => (x.A?.Support ?? 0) > 0 || (x.B?.Support ?? 0) > 0)
            .Select(x => new ComparisonRow(x.Path, x.B?.Support ?? x.A!.Support, x.A?.F1 ?? 0, x.B?.F1 ?? 0, x.A?.Precision ?? 0,
                x.B?.Precision ?? 0, x.A?.Recall ?? 0, x.B?.Recall ?? 0))
            .OrderByDescending(r => r.Change).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
        var (totalA, totalB) = (totals.FirstOrDefault(t => t.ModelVersionId == a.Id), totals.FirstOrDefault(t => t.ModelVersionId == b.Id));
        var summary = new ComparisonSummary(rows.Count(r => r.DeltaF1 > Point), rows.Count(r => r.DeltaF1 < -Point),
            rows.Count(r => Math.Abs(r.DeltaF1) <= Point), totalA?.MacroF1 ?? 0, totalB?.MacroF1 ?? 0, totalA?.MicroF1 ?? 0, totalB?.MicroF1 ?? 0);
        return new VersionComparison(a.Number, b.Number, rows, summary);
    }
}
