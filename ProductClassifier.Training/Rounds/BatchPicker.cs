using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// How a labelling round picks its batch, for the app's rounds and the simulation alike: the scored strategies sample
/// in proportion to the acquisition score with a floor (<see cref="BatchSampler"/>), random draws a uniform sample; both
/// pass over a near-duplicate (<see cref="DiversityEmbedding"/>) of a product already picked. Each pick carries its
/// inclusion probability, whose inverse weighs its label in fine-tuning.
/// </summary>
public static class BatchPicker
{
    /// <param name="candidates">The corpus rows the batch may come from.</param>
    /// <returns>Picks whose <see cref="BatchPick.Index"/> is a corpus row, in the order drawn.</returns>
    public static IReadOnlyList<BatchPick> Pick(QueryStrategy strategy, EnsembleModel ensemble, FeatureSet features,
        IReadOnlyList<int> candidates, int batchSize, AcquisitionOptions acquisition, Random random)
    {
        if (candidates.Count == 0 || batchSize <= 0) return [];
        var embedding = DiversityEmbedding.For(features, candidates);
        var diversity = embedding.Columns == 0 ? null : embedding;
        IEnumerable<BatchPick> picks;
        if (strategy == QueryStrategy.Random)
        {
            // The top of uniform random keys: every candidate equally likely, with probability B/N.
            var keys = candidates.Select(_ => random.NextDouble()).ToArray();
            var probability = Math.Min(1.0, (double)batchSize / candidates.Count);
            picks = BatchSampler.Pick(keys, batchSize, acquisition with { Sample = false }, random, diversity)
                .Select(p => p with { InclusionProbability = probability });
        }
        else
        {
            var members = ensemble.Predict(features, candidates).Members.Values.ToList();
            var scores = AcquisitionScorer.Score(strategy, members, ensemble.Categories, acquisition, random);
            picks = BatchSampler.Pick(scores, batchSize, acquisition, random, diversity);
        }
        return picks.Select(p => p with { Index = candidates[p.Index] }).ToList();
    }
}
