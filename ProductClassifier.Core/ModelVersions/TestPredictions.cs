using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A version's served probabilities on the test products, kept for the metrics page's error lists: every pair the
/// version predicts or that is positive by the ground truth or the rules (<see cref="TestPrediction"/>). Stored at
/// evaluation, so a version that is not active (whose products the predictions table does not hold) and a category's
/// false negatives (below threshold, so never in the predictions table) can be listed too.
/// </summary>
public static class TestPredictions
{
    /// <param name="testRows">The corpus rows evaluated, in the order of <paramref name="probabilities"/>' rows.</param>
    /// <param name="probabilities">Test rows × categories, row-major, as evaluated.</param>
    /// <param name="thresholds">Per-category thresholds the evaluation used; 0.5 when null.</param>
    public static IReadOnlyList<TestPredictionRow> Collect(Corpus corpus, IReadOnlyList<int> testRows, float[] probabilities, float[]? thresholds)
    {
        var count = corpus.CategoryCount;
        if (probabilities.Length != testRows.Count * count)
            throw new ArgumentException($"Expected {testRows.Count} rows × {count} probabilities, got {probabilities.Length}.");
        // Predicted exactly as MultiLabelMetrics counts it, so the lists agree with the figures beside them.
        var predicted = new bool[probabilities.Length];
        for (var i = 0; i < predicted.Length; i++) predicted[i] = probabilities[i] >= (thresholds?[i % count] ?? ThresholdTuner.DefaultThreshold);
        new TreeConsistency(corpus.Categories.Select(c => c.Parent).ToArray()).Apply(predicted.AsSpan());

        var rows = new List<TestPredictionRow>();
        for (var r = 0; r < testRows.Count; r++)
        {
            var product = testRows[r];
            var truth = (corpus.ReferenceLabels[product] ?? corpus.HumanLabels[product])?.ToHashSet();
            var rules = corpus.RuleLabels(product).ToHashSet();
            for (var c = 0; c < count; c++)
            {
                var at = r * count + c;
                var positive = truth?.Contains(c) == true;
                if (!predicted[at] && !positive && !rules.Contains(c)) continue;
                rows.Add(new TestPredictionRow(corpus.Products[product].Id, corpus.Categories[c].Path, probabilities[at], predicted[at],
                    truth is null ? null : positive, rules.Contains(c)));
            }
        }
        return rows;
    }

    /// <summary>Stores <paramref name="rows"/> for the version, in the caller's transaction when one is open.</summary>
    public static async Task StoreAsync(ClassifierDb db, ModelVersion version, IReadOnlyList<TestPredictionRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var categoryIds = await db.Categories.Where(c => c.CatalogueId == version.CatalogueId).ToDictionaryAsync(c => c.Path, c => c.Id, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var import = await connection.BeginBinaryImportAsync(
                "COPY test_predictions (model_version_id, category_id, product_id, probability, predicted, ground_truth, rule_label) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                if (!categoryIds.TryGetValue(row.CategoryPath, out var categoryId)) continue; // a category deleted since the corpus was read
                await import.StartRowAsync(ct);
                await import.WriteAsync(version.Id, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(categoryId, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(row.ProductId, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(row.Probability, NpgsqlDbType.Real, ct);
                await import.WriteAsync(row.Predicted, NpgsqlDbType.Boolean, ct);
                if (row.GroundTruth is { } truth) await import.WriteAsync(truth, NpgsqlDbType.Boolean, ct);
                else await import.WriteNullAsync(ct);
                await import.WriteAsync(row.RuleLabel, NpgsqlDbType.Boolean, ct);
            }
            await import.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
