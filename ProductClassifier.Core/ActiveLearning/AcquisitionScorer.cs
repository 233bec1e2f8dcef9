namespace ProductClassifier.Core.ActiveLearning;

/// <summary>
/// Scores unlabelled products from the ensemble members' probabilities (each member: N×C row-major):
/// uncertainty is the binary entropy of the members' mean, disagreement the mean KL divergence of each member
/// from that mean, both per category and then aggregated per product.
/// </summary>
public static class AcquisitionScorer
{
    private const double Epsilon = 1e-6;

    public static double[] Score(QueryStrategy strategy, IReadOnlyList<float[]> members, int categories,
        AcquisitionOptions options, Random random, bool[]? categoryMask = null)
    {
        var count = members[0].Length / categories;
        return strategy switch
        {
            QueryStrategy.Random => Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray(),
            QueryStrategy.Uncertainty => Uncertainty(members, categories, options, categoryMask),
            QueryStrategy.Disagreement => Disagreement(members, categories, options, categoryMask),
            _ => Combine(Uncertainty(members, categories, options, categoryMask),
                Disagreement(members, categories, options, categoryMask), options.UncertaintyWeight),
        };
    }

    public static double[] Uncertainty(IReadOnlyList<float[]> members, int categories, AcquisitionOptions options,
        bool[]? categoryMask = null) =>
        PerProduct(members, categories, options, categoryMask, (mean, _) => Entropy(mean));

    public static double[] Disagreement(IReadOnlyList<float[]> members, int categories, AcquisitionOptions options,
        bool[]? categoryMask = null) =>
        PerProduct(members, categories, options, categoryMask, (mean, offset) =>
        {
            var kl = 0.0;
            foreach (var member in members) kl += KullbackLeibler(member[offset], mean);
            return kl / members.Count;
        });

    /// <summary>Binary entropy in nats.</summary>
    public static double Entropy(double p)
    {
        p = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return -(p * Math.Log(p) + (1 - p) * Math.Log(1 - p));
    }

    /// <summary>KL(Bernoulli(p) || Bernoulli(q)).</summary>
    public static double KullbackLeibler(double p, double q)
    {
        p = Math.Clamp(p, Epsilon, 1 - Epsilon);
        q = Math.Clamp(q, Epsilon, 1 - Epsilon);
        return Math.Max(0, p * Math.Log(p / q) + (1 - p) * Math.Log((1 - p) / (1 - q)));
    }

    private static double[] Combine(double[] uncertainty, double[] disagreement, double weight)
    {
        // Scale each to [0, 1] over the pool so neither dominates by its units.
        var maxU = Math.Max(uncertainty.Max(), Epsilon);
        var maxD = Math.Max(disagreement.Max(), Epsilon);
        return uncertainty.Select((u, i) => weight * u / maxU + (1 - weight) * disagreement[i] / maxD).ToArray();
    }

    private static double[] PerProduct(IReadOnlyList<float[]> members, int categories, AcquisitionOptions options,
        bool[]? categoryMask, Func<double, int, double> perCategory)
    {
        var count = members[0].Length / categories;
        var values = new double[count * categories];
        Parallel.For(0, count, i =>
        {
            for (var c = 0; c < categories; c++)
            {
                if (categoryMask is not null && !categoryMask[c]) continue;
                var offset = i * categories + c;
                var mean = 0.0;
                foreach (var member in members) mean += member[offset];
                values[offset] = perCategory(mean / members.Count, offset);
            }
        });
        var scale = options.BalanceCategories ? CategoryScales(values, count, categories) : null;
        var scores = new double[count];
        Parallel.For(0, count, () => new double[categories], (i, _, buffer) =>
        {
            var used = 0;
            for (var c = 0; c < categories; c++)
            {
                if (categoryMask is not null && !categoryMask[c]) continue;
                buffer[used++] = values[i * categories + c] * (scale?[c] ?? 1);
            }
            scores[i] = Aggregate(buffer.AsSpan(0, used), options);
            return buffer;
        }, _ => { });
        return scores;
    }

    /// <summary>
    /// Per category, the factor that brings its pool mean to the mean over all categories, so a rare category's most
    /// uncertain products count as much as a frequent one's (macro-F1 weighs every category alike). The denominator is
    /// floored at a tenth of the overall mean: a category the ensemble is certain about everywhere stays quiet.
    /// </summary>
    private static double[] CategoryScales(double[] values, int count, int categories)
    {
        var means = new double[categories];
        for (var i = 0; i < count; i++)
            for (var c = 0; c < categories; c++) means[c] += values[i * categories + c];
        for (var c = 0; c < categories; c++) means[c] /= Math.Max(1, count);
        var overall = Math.Max(means.Average(), Epsilon);
        return means.Select(m => overall / Math.Max(m, 0.1 * overall)).ToArray();
    }

    private static double Aggregate(Span<double> values, AcquisitionOptions options)
    {
        if (values.Length == 0) return 0;
        switch (options.Aggregation)
        {
            case ScoreAggregation.Max:
                var max = 0.0;
                foreach (var v in values) max = Math.Max(max, v);
                return max;
            case ScoreAggregation.Mean:
                var sum = 0.0;
                foreach (var v in values) sum += v;
                return sum / values.Length;
            default:
                values.Sort();
                var top = 0.0;
                for (var k = 0; k < Math.Min(options.TopK, values.Length); k++) top += values[values.Length - 1 - k];
                return top;
        }
    }
}
