using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Web.Metrics;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>Two versions' served ensembles side by side per category, on one test set, biggest change first.</summary>
public sealed record VersionComparison(int NumberA, int NumberB, IReadOnlyList<ComparisonRow> Rows, ComparisonSummary Summary)
{
    /// <summary>A change of F1 larger than this (one point) counts as better or worse.</summary>
    public const double Point = 0.01;

    public static async Task<VersionComparison> LoadAsync(ClassifierDb db, ModelVersion a, ModelVersion b, ErrorSet set, CancellationToken ct)
    {
        var name = set == ErrorSet.GroundTruth ? StoredEvaluation.GroundTruth : StoredEvaluation.RuleTest;
        var resultA = (await StoredEvaluation.LoadAsync(db, a.Id, StoredEvaluation.Served, ct)).GetValueOrDefault(name);
        var resultB = (await StoredEvaluation.LoadAsync(db, b.Id, StoredEvaluation.Served, ct)).GetValueOrDefault(name);
        return Compare(a.Number, resultA, b.Number, resultB);
    }

    /// <summary>Categories either version has true products of; one missing from a version's evaluation scores 0 there.</summary>
    public static VersionComparison Compare(int numberA, EvaluationResult? a, int numberB, EvaluationResult? b)
    {
        var byPathA = a?.Categories.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var byPathB = b?.Categories.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var rows = byPathA.Keys.Union(byPathB.Keys)
            .Select(path => (A: byPathA.GetValueOrDefault(path), B: byPathB.GetValueOrDefault(path), Path: path))
            .Where(x => (x.A?.Support ?? 0) > 0 || (x.B?.Support ?? 0) > 0)
            .Select(x => new ComparisonRow(x.Path, x.B?.Support ?? x.A!.Support, x.A?.F1 ?? 0, x.B?.F1 ?? 0, x.A?.Precision ?? 0,
                x.B?.Precision ?? 0, x.A?.Recall ?? 0, x.B?.Recall ?? 0))
            .OrderByDescending(r => r.Change).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
        var summary = new ComparisonSummary(rows.Count(r => r.DeltaF1 > Point), rows.Count(r => r.DeltaF1 < -Point),
            rows.Count(r => Math.Abs(r.DeltaF1) <= Point), a?.MacroF1 ?? 0, b?.MacroF1 ?? 0, a?.MicroF1 ?? 0, b?.MicroF1 ?? 0);
        return new VersionComparison(numberA, numberB, rows, summary);
    }
}
