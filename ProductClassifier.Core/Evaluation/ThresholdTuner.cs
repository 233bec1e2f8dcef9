namespace ProductClassifier.Core.Evaluation;

/// <summary>Per-category decision thresholds that maximise F1 on validation data (predict positive when p ≥ threshold).</summary>
public static class ThresholdTuner
{
    public const float DefaultThreshold = 0.5f;
    public const int DefaultMinimumPositives = 5;

    /// <summary>
    /// One threshold per category: the midpoint between the lowest score kept positive at the best F1 and the next
    /// lower score; <paramref name="fallback"/> for categories with fewer than <paramref name="minimumPositives"/> known positives.
    /// </summary>
    /// <param name="mask">1 where the label is known; empty = all known.</param>
    public static float[] Tune(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, ReadOnlySpan<float> mask, int categories,
        int minimumPositives = DefaultMinimumPositives, float fallback = DefaultThreshold)
    {
        if (probabilities.Length != targets.Length || (!mask.IsEmpty && mask.Length != targets.Length))
            throw new ArgumentException("probabilities, targets and mask must have the same length.");
        var rows = categories == 0 ? 0 : probabilities.Length / categories;
        var thresholds = new float[categories];
        var scores = new float[rows];
        var labels = new bool[rows];
        for (var c = 0; c < categories; c++)
        {
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                var at = r * categories + c;
                if (!mask.IsEmpty && mask[at] <= 0) continue;
                scores[n] = probabilities[at];
                labels[n++] = targets[at] > 0.5f;
            }
            thresholds[c] = Best(scores.AsSpan(0, n), labels.AsSpan(0, n), minimumPositives, fallback);
        }
        return thresholds;
    }

    /// <summary>The F1-maximising threshold of one category.</summary>
    public static float Best(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive, int minimumPositives = DefaultMinimumPositives, float fallback = DefaultThreshold)
    {
        var positives = 0;
        foreach (var p in positive) if (p) positives++;
        if (positives < Math.Max(1, minimumPositives)) return fallback;
        var order = AveragePrecision.SortedDescending(scores);
        int tp = 0, fp = 0;
        var bestF1 = -1.0;
        var best = fallback;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
                if (positive[order[i]]) tp++; else fp++;
            var f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 <= bestF1) continue;
            bestF1 = f1;
            best = i < order.Length ? Between(score, scores[order[i]]) : score;
        }
        return best;
    }

    /// <summary>A threshold strictly above <paramref name="lower"/> and at most <paramref name="upper"/> (float rounding aside).</summary>
    private static float Between(float upper, float lower)
    {
        var middle = lower + (upper - lower) / 2;
        return middle > lower ? middle : upper;
    }
}
