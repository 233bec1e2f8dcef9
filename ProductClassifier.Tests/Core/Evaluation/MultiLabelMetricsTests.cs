using System.Text.Json;
using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Tests.Core.Evaluation;

public sealed class MultiLabelMetricsTests
{
    // Six products, three categories: A (level 1), A > B (level 2), C (level 1, not eligible). Row-major.
    private static readonly float[] Probabilities =
    [
        0.9f, 0.6f, 0.1f,
        0.8f, 0.2f, 0.2f,
        0.7f, 0.55f, 0.3f,
        0.4f, 0.1f, 0.9f,
        0.3f, 0.6f, 0.8f,
        0.1f, 0.3f, 0.2f,
    ];

    private static readonly float[] Targets =
    [
        1, 1, 0,
        1, 0, 0,
        0, 0, 0,
        1, 0, 1,
        0, 0, 0,
        0, 0, 1,
    ];

    // C's label of the last product is unknown: its positive must not count.
    private static readonly float[] Mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];

    private static readonly EvaluationCategories Categories = new(["A", "A > B", "C"], [1, 2, 1], [true, true, false]);

    [Fact]
    public void Per_category_scores_match_hand_computed_values()
    {
        var result = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories);

        var a = result.Categories[0]; // predicted rows 0,1,2: TP 2, FP 1, FN 1
        Assert.Equal((2 / 3.0, 2 / 3.0, 2 / 3.0, 3), (a.Precision, a.Recall, a.F1, a.Support), Close);
        Assert.Equal(1 / 3.0 + 1 / 3.0 + 1 / 3.0 * 3 / 4, a.AveragePrecision, 6); // positives at ranks 1, 2, 4
        var b = result.Categories[1]; // predicted rows 0,2,4: TP 1, FP 2
        Assert.Equal((1 / 3.0, 1.0, 0.5, 1), (b.Precision, b.Recall, b.F1, b.Support), Close);
        Assert.Equal(0.5, b.AveragePrecision, 6); // the positive ties with a negative at 0.6
        var c = result.Categories[2]; // known rows 0-4: TP 1 (row 3), FP 1 (row 4)
        Assert.Equal((0.5, 1.0, 2 / 3.0, 1), (c.Precision, c.Recall, c.F1, c.Support), Close);
        Assert.Equal(1.0, c.AveragePrecision, 6);
    }

    [Fact]
    public void Macro_averages_eligible_categories_and_micro_pools_all()
    {
        var result = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories);

        Assert.Equal((2 / 3.0 + 0.5) / 2, result.MacroF1, 6);     // C is listed, not averaged
        Assert.Equal(8 / 13.0, result.MicroF1, 6);                // TP 4, FP 4, FN 1 over A, B and C
        Assert.Equal(["A", "A > B", "C"], result.Categories.Select(c => c.Category));
        Assert.Equal([true, true, false], result.Categories.Select(c => c.Averaged));
    }

    [Fact]
    public void Levels_average_their_own_categories()
    {
        var levels = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories).Levels;

        Assert.Equal([1, 2], levels.Select(l => l.Level));
        Assert.Equal(2 / 3.0, levels[0].MacroF1, 6); // A only (C not eligible)
        Assert.Equal(6 / 9.0, levels[0].MicroF1, 6); // A and C: TP 3, FP 2, FN 1
        Assert.Equal(0.5, levels[1].MacroF1, 6);
        Assert.Equal(0.5, levels[1].MicroF1, 6);
    }

    [Fact]
    public void Thresholds_and_tree_change_the_predictions()
    {
        var strict = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories, thresholds: [0.75f, 0.5f, 0.5f]);
        Assert.Equal(1.0, strict.Categories[0].Precision, 6); // rows 0 and 1 only

        // B predicted on rows 0, 2, 4 switches on its parent A there: A gains a false positive on row 4.
        var consistent = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories, tree: new TreeConsistency([-1, 0, -1]));
        Assert.Equal(4 / 7.0, consistent.Categories[0].F1, 6);
    }

    [Fact]
    public void Categories_without_support_are_not_averaged()
    {
        var none = new float[Targets.Length];
        var result = MultiLabelMetrics.Evaluate(Probabilities, none, [], Categories);

        Assert.All(result.Categories, c => Assert.False(c.Averaged));
        Assert.Equal(0, result.MacroF1);
        Assert.Equal(0, result.Categories[0].AveragePrecision);
    }

    [Fact]
    public void Serialises_to_the_evaluation_json_shape()
    {
        var json = MultiLabelMetrics.Evaluate(Probabilities, Targets, Mask, Categories).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(["macroF1", "microF1", "levels", "categories"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["level", "macroF1", "microF1"], root.GetProperty("levels")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["category", "precision", "recall", "f1", "averagePrecision", "support"],
            root.GetProperty("categories")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("A > B", root.GetProperty("categories")[1].GetProperty("category").GetString());
    }

    [Fact]
    public void Eligibility_comes_from_catalogue_counts()
    {
        var categories = EvaluationCategories.FromTree(["A", "B", "C"], [-1, 0, 1], [40, 20, 19]);

        Assert.Equal([true, true, false], categories.Eligible);
        Assert.Equal([1, 2, 3], categories.Levels);
    }

    private static readonly Comparer Close = new();

    private sealed class Comparer : IEqualityComparer<(double, double, double, int)>
    {
        public bool Equals((double, double, double, int) x, (double, double, double, int) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-6 && Math.Abs(x.Item2 - y.Item2) < 1e-6 && Math.Abs(x.Item3 - y.Item3) < 1e-6 && x.Item4 == y.Item4;

        public int GetHashCode((double, double, double, int) obj) => 0;
    }
}
