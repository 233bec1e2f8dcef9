namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// Area under the precision-recall curve as a step function, Σ (Rₙ − Rₙ₋₁)·Pₙ over descending score thresholds,
/// with tied scores taken together (scikit-learn's average_precision_score).
/// </summary>
public static class AveragePrecision
{
    /// <summary>0 when there are no positives (the value is undefined there).</summary>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        var positives = 0;
        foreach (var p in positive) if (p) positives++;
        if (positives == 0) return 0;
        var order = SortedDescending(scores);
        double ap = 0, previousRecall = 0;
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
                if (positive[order[i]]) tp++; else fp++;
            var recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / (tp + fp);
            previousRecall = recall;
        }
        return ap;
    }

    internal static int[] SortedDescending(ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        var keys = new float[scores.Length];
        for (var i = 0; i < order.Length; i++) { order[i] = i; keys[i] = -scores[i]; }
        Array.Sort(keys, order);
        return order;
    }
}
