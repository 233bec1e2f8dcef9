using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// Per-category precision, recall, F1, average precision and support from probabilities and true labels, with
/// micro and macro averages overall and per tree level. Labels with mask 0 (unknown) are left out. Macro averages
/// take the categories marked eligible that have at least one known positive in the set; the others are listed only.
/// </summary>
public static class MultiLabelMetrics
{
    public static EvaluationResult Evaluate(ReadOnlySpan<float> probabilities, LabelMatrix truth, EvaluationCategories categories,
        float[]? thresholds = null, TreeConsistency? tree = null) =>
        Evaluate(probabilities, truth.Targets, truth.Mask, categories, thresholds, tree);

    /// <param name="probabilities">Rows × categories, row-major.</param>
    /// <param name="mask">1 where the label is known; empty = all known.</param>
    /// <param name="thresholds">Per-category decision thresholds (p ≥ threshold is positive); 0.5 when null.</param>
    /// <param name="tree">When given, a predicted category also predicts its ancestors.</param>
    public static EvaluationResult Evaluate(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, ReadOnlySpan<float> mask,
        EvaluationCategories categories, float[]? thresholds = null, TreeConsistency? tree = null)
    {
        var count = categories.Count;
        if (categories.Levels.Length != count || categories.Eligible.Length != count)
            throw new ArgumentException("EvaluationCategories needs one level and one eligibility flag per category.");
        if (probabilities.Length != targets.Length || (!mask.IsEmpty && mask.Length != targets.Length) || (count > 0 && targets.Length % count != 0))
            throw new ArgumentException($"probabilities, targets and mask must all hold rows × {count} values.");
        if (thresholds is not null && thresholds.Length != count) throw new ArgumentException($"Expected {count} thresholds, got {thresholds.Length}.");
        var rows = count == 0 ? 0 : targets.Length / count;

        var predicted = new bool[probabilities.Length];
        for (var i = 0; i < predicted.Length; i++) predicted[i] = probabilities[i] >= (thresholds?[i % count] ?? ThresholdTuner.DefaultThreshold);
        tree?.Apply(predicted.AsSpan());

        var results = new CategoryMetrics[count];
        var counts = new (int Tp, int Fp, int Fn)[count];
        var scores = new float[rows];
        var labels = new bool[rows];
        for (var c = 0; c < count; c++)
        {
            int n = 0, tp = 0, fp = 0, fn = 0;
            for (var r = 0; r < rows; r++)
            {
                var at = r * count + c;
                if (!mask.IsEmpty && mask[at] <= 0) continue;
                var positive = targets[at] > 0.5f;
                scores[n] = probabilities[at];
                labels[n++] = positive;
                if (predicted[at] && positive) tp++;
                else if (predicted[at]) fp++;
                else if (positive) fn++;
            }
            counts[c] = (tp, fp, fn);
            var support = tp + fn;
            results[c] = new CategoryMetrics(categories.Names[c], Ratio(tp, tp + fp), Ratio(tp, support), F1(tp, fp, fn),
                AveragePrecision.Compute(scores.AsSpan(0, n), labels.AsSpan(0, n)), support)
            {
                Level = categories.Levels[c],
                Averaged = categories.Eligible[c] && support > 0,
                Threshold = thresholds?[c] ?? ThresholdTuner.DefaultThreshold,
                PredictedPositives = tp + fp,
            };
        }

        var levels = categories.Levels.Distinct().Order()
            .Select(level => Enumerable.Range(0, count).Where(c => categories.Levels[c] == level).ToArray())
            .Select(members => new LevelMetrics(categories.Levels[members[0]], Macro(results, members), Micro(counts, members)))
            .ToArray();
        var all = Enumerable.Range(0, count).ToArray();
        return new EvaluationResult(Macro(results, all), Micro(counts, all), levels, results);
    }

    private static double Macro(CategoryMetrics[] results, int[] members)
    {
        var averaged = members.Where(c => results[c].Averaged).ToArray();
        return averaged.Length == 0 ? 0 : averaged.Average(c => results[c].F1);
    }

    private static double Micro((int Tp, int Fp, int Fn)[] counts, int[] members) =>
        F1(members.Sum(c => counts[c].Tp), members.Sum(c => counts[c].Fp), members.Sum(c => counts[c].Fn));

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
