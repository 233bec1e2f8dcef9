namespace ProductClassifier.Core.ActiveLearning;

/// <summary>Loss weights of human-labelled products from their inclusion probabilities.</summary>
public static class ImportanceWeights
{
    /// <summary>
    /// 1/π per product, scaled to mean 1 so the human weight keeps its meaning as the labelled set grows. With
    /// <paramref name="cap"/>, each is then clipped to [1/cap, cap] and scaled to mean 1 again: the estimate is no longer
    /// unbiased, but one unlikely pick can no longer outweigh a likely one by more than cap².
    /// </summary>
    public static Dictionary<int, float> FromInclusion(IReadOnlyDictionary<int, double> inclusion, double? cap = null)
    {
        if (cap is < 1) throw new ArgumentOutOfRangeException(nameof(cap), cap, "The cap must be at least 1 (1: every weight 1).");
        if (inclusion.Count == 0) return [];
        var weights = inclusion.ToDictionary(p => p.Key, p => p.Value > 0 ? 1 / p.Value : 1.0);
        weights = ScaledToMeanOne(weights);
        if (cap is { } c) weights = ScaledToMeanOne(weights.ToDictionary(p => p.Key, p => Math.Clamp(p.Value, 1 / c, c)));
        return weights.ToDictionary(p => p.Key, p => (float)p.Value);
    }

    private static Dictionary<int, double> ScaledToMeanOne(Dictionary<int, double> weights)
    {
        var mean = weights.Values.Average();
        return weights.ToDictionary(p => p.Key, p => p.Value / mean);
    }
}
