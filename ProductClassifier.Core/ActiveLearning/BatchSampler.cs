using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.ActiveLearning;

/// <summary>
/// Picks a labelling batch from acquisition scores. Sampling mode uses systematic probability-proportional-to-size
/// sampling: each product is included with a known probability πᵢ ∝ its (floored) score, the batch has exactly B
/// distinct products, and weighting each labelled product by 1/πᵢ keeps estimates over the pool unbiased
/// (Horvitz–Thompson). Top-k mode takes the highest scores. Either way, a candidate too close to one already
/// picked (cosine distance under <see cref="AcquisitionOptions.MinDistance"/>) is replaced by the next draw.
/// </summary>
public static class BatchSampler
{
    public static IReadOnlyList<BatchPick> Pick(double[] scores, int batchSize, AcquisitionOptions options,
        Random random, DenseRows? embeddings = null)
    {
        batchSize = Math.Min(batchSize, scores.Length);
        if (batchSize <= 0) return [];
        var probabilities = options.Sample
            ? InclusionProbabilities(scores, batchSize, options.Floor)
            : Enumerable.Repeat(1.0, scores.Length).ToArray();
        var order = options.Sample
            ? Systematic(probabilities, batchSize, random).Concat(Reserve(probabilities, random))
            : Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]);

        var picked = new List<BatchPick>(batchSize);
        var seen = new HashSet<int>();
        var tooClose = new List<int>();
        foreach (var candidate in order)
        {
            if (!seen.Add(candidate)) continue;
            if (embeddings is not null && picked.Any(p => CosineDistance(embeddings, p.Index, candidate) < options.MinDistance))
            {
                tooClose.Add(candidate);
                continue;
            }
            picked.Add(new BatchPick(candidate, probabilities[candidate]));
            if (picked.Count == batchSize) return picked;
        }
        // A pool of near-duplicates: fill up with the closest calls rather than return a short batch.
        foreach (var candidate in tooClose.Take(batchSize - picked.Count))
            picked.Add(new BatchPick(candidate, probabilities[candidate]));
        return picked;
    }

    /// <summary>πᵢ = B·sᵢ/Σs over floored scores, capped at 1 with the excess spread over the others; Σπ = B.</summary>
    public static double[] InclusionProbabilities(double[] scores, int batchSize, double floor)
    {
        var mean = scores.Length == 0 ? 0 : scores.Average();
        var floored = scores.Select(s => mean <= 0 ? 1.0 : Math.Max(s, floor * mean)).ToArray();
        var pi = new double[scores.Length];
        var certain = new bool[scores.Length];
        while (true)
        {
            var remaining = batchSize - certain.Count(c => c);
            var total = floored.Where((_, i) => !certain[i]).Sum();
            var capped = false;
            for (var i = 0; i < pi.Length; i++)
            {
                if (certain[i]) { pi[i] = 1; continue; }
                pi[i] = remaining * floored[i] / total;
                if (pi[i] >= 1) { certain[i] = true; capped = true; }
            }
            if (!capped) return pi;
        }
    }

    /// <summary>Systematic sampling over a random order: item i is drawn with probability exactly πᵢ.</summary>
    private static IEnumerable<int> Systematic(double[] pi, int batchSize, Random random)
    {
        var order = Enumerable.Range(0, pi.Length).ToArray();
        random.Shuffle(order);
        var next = random.NextDouble();
        var cumulative = 0.0;
        var drawn = 0;
        foreach (var i in order)
        {
            cumulative += pi[i];
            while (drawn < batchSize && next < cumulative)
            {
                yield return i;
                next += 1;
                drawn++;
            }
        }
    }

    /// <summary>Replacements for rejected near-duplicates, most probable first with random ties.</summary>
    private static IEnumerable<int> Reserve(double[] pi, Random random) =>
        Enumerable.Range(0, pi.Length).Select(i => (i, key: Math.Pow(random.NextDouble(), 1 / Math.Max(pi[i], 1e-12))))
            .OrderByDescending(x => x.key).Select(x => x.i);

    private static double CosineDistance(DenseRows rows, int a, int b)
    {
        var x = rows.Row(a);
        var y = rows.Row(b);
        double dot = 0, nx = 0, ny = 0;
        for (var k = 0; k < x.Length; k++) { dot += x[k] * y[k]; nx += x[k] * x[k]; ny += y[k] * y[k]; }
        return nx == 0 || ny == 0 ? 1 : 1 - dot / Math.Sqrt(nx * ny);
    }
}
