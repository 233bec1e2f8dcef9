using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Rounds;

namespace ProductClassifier.Tests.Training.Rounds;

public sealed class BatchPickerTests
{
    [Fact]
    public void Random_draws_a_uniform_sample_whose_probabilities_are_the_batchs_share_of_the_candidates()
    {
        var features = new FeatureSet(40);
        var candidates = Enumerable.Range(0, 40).Select(i => i * 2 + 1).ToArray();
        var counts = new int[81];
        for (var draw = 0; draw < 400; draw++)
        {
            // No model is asked: random needs none.
            var picks = BatchPicker.Pick(QueryStrategy.Random, null!, features, candidates, 10, new AcquisitionOptions(), RoundSeeds.Picking(draw, 1));
            Assert.Equal(10, picks.Select(p => p.Index).Distinct().Count());
            Assert.All(picks, p => Assert.Contains(p.Index, candidates));
            Assert.All(picks, p => Assert.Equal(0.25, p.InclusionProbability));
            foreach (var p in picks) counts[p.Index]++;
        }
        // Each candidate expects 100 picks in 400 draws (standard deviation ≈ 8.7).
        Assert.All(candidates, c => Assert.InRange(counts[c], 60, 140));
    }

    [Fact]
    public void The_same_seed_and_round_draw_the_same_batch_and_another_round_another()
    {
        var candidates = Enumerable.Range(0, 500).ToArray();
        IEnumerable<int> Draw(int seed, int round) => BatchPicker.Pick(QueryStrategy.Random, null!, new FeatureSet(500), candidates, 20,
            new AcquisitionOptions(), RoundSeeds.Picking(seed, round)).Select(p => p.Index);

        Assert.Equal(Draw(3, 2), Draw(3, 2));
        Assert.NotEqual(Draw(3, 2), Draw(3, 3));
        Assert.NotEqual(Draw(3, 2), Draw(4, 2));
    }
}
