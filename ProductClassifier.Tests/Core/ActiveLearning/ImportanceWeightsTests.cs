using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class ImportanceWeightsTests
{
    private static readonly Dictionary<int, double> Inclusion = new() { [1] = 0.01, [2] = 0.1, [3] = 0.5, [4] = 1.0 };

    [Fact]
    public void Weights_are_inverse_inclusion_probabilities_scaled_to_mean_one()
    {
        var weights = ImportanceWeights.FromInclusion(Inclusion);

        Assert.Equal(1.0, weights.Values.Average(), 5);
        // Ratios are those of 1/π: the product picked with probability 0.01 weighs 100× the certain one.
        Assert.Equal(100.0, weights[1] / weights[4], 3);
        Assert.Equal(5.0, weights[2] / weights[3], 3);
    }

    [Fact]
    public void A_cap_bounds_how_far_one_pick_can_outweigh_another()
    {
        var weights = ImportanceWeights.FromInclusion(Inclusion, cap: 3);

        Assert.Equal(1.0, weights.Values.Average(), 5);
        Assert.True(weights.Values.Max() / weights.Values.Min() <= 9.0001, string.Join(", ", weights.Values));
        // Order is kept: a less likely pick never weighs less.
        Assert.True(weights[1] >= weights[2] && weights[2] >= weights[3] && weights[3] >= weights[4]);
        Assert.All(ImportanceWeights.FromInclusion(Inclusion, cap: 1).Values, w => Assert.Equal(1f, w, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportanceWeights.FromInclusion(Inclusion, cap: 0.5));
        Assert.Empty(ImportanceWeights.FromInclusion(new Dictionary<int, double>()));
    }
}
