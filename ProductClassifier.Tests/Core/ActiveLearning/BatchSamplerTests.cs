using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class BatchSamplerTests
{
    [Fact]
    public void Importance_weights_make_the_weighted_estimate_unbiased()
    {
        var random = new Random(7);
        const int pool = 300, batch = 30, trials = 4000;
        // Scores correlate with the values, so an unweighted mean of picked items is biased upwards.
        var values = Enumerable.Range(0, pool).Select(_ => random.NextDouble()).ToArray();
        var scores = values.Select(v => v * v + 0.01).ToArray();
        var trueMean = values.Average();

        double weighted = 0, naive = 0;
        for (var t = 0; t < trials; t++)
        {
            var picks = BatchSampler.Pick(scores, batch, new AcquisitionOptions(Floor: 0), random);
            weighted += picks.Sum(p => values[p.Index] * p.ImportanceWeight) / pool;
            naive += picks.Average(p => values[p.Index]);
        }

        Assert.Equal(trueMean, weighted / trials, 2);
        Assert.True(naive / trials - trueMean > 0.1, "the unweighted estimate should be visibly biased");
    }

    [Fact]
    public void Inclusion_probabilities_sum_to_the_batch_and_never_exceed_one()
    {
        var scores = new[] { 100.0, 1, 1, 1, 1, 1, 1, 1, 0, 0 };
        var pi = BatchSampler.InclusionProbabilities(scores, 4, floor: 0.1);

        Assert.Equal(4, pi.Sum(), 9);
        Assert.Equal(1, pi[0], 9);
        Assert.All(pi, p => Assert.InRange(p, 1e-9, 1));
        Assert.True(pi[8] > 0, "the floor keeps every product's chance above zero");
    }

    [Fact]
    public void Batch_never_contains_duplicates_or_near_duplicates()
    {
        var random = new Random(3);
        const int pool = 60;
        // Products come in identical pairs (same embedding): a batch should hold at most one of each pair.
        var embeddings = new float[pool * 4];
        for (var i = 0; i < pool; i++)
            for (var k = 0; k < 4; k++) embeddings[i * 4 + k] = (float)Math.Sin(i / 2 * 1.7 + k);
        var rows = new DenseRows(4, embeddings);
        var scores = Enumerable.Range(0, pool).Select(_ => random.NextDouble()).ToArray();

        foreach (var sample in new[] { true, false })
        {
            var picks = BatchSampler.Pick(scores, 20, new AcquisitionOptions(Sample: sample, MinDistance: 1e-4), random, rows);
            Assert.Equal(20, picks.Count);
            Assert.Equal(20, picks.Select(p => p.Index).Distinct().Count());
            Assert.Equal(20, picks.Select(p => p.Index / 2).Distinct().Count());
        }
    }

    [Fact]
    public void Top_k_takes_the_highest_scores()
    {
        var scores = new[] { 0.1, 0.9, 0.5, 0.8, 0.2 };
        var picks = BatchSampler.Pick(scores, 2, new AcquisitionOptions(Sample: false), new Random(1));
        Assert.Equal([1, 3], picks.Select(p => p.Index).ToArray());
    }
}
