using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Tests.Core.Evaluation;

public sealed class TreeConsistencyTests
{
    // A (root) → B → D, and A → C; E is a second root.
    private static readonly int[] Parents = [-1, 0, 0, 1, -1];

    [Fact]
    public void Parent_probability_is_at_least_its_descendants()
    {
        float[] probabilities = [0.2f, 0.1f, 0.3f, 0.7f, 0.4f, /* second product */ 0.9f, 0.5f, 0.1f, 0.2f, 0.0f];

        new TreeConsistency(Parents).Apply(probabilities.AsSpan());

        Assert.Equal([0.7f, 0.7f, 0.3f, 0.7f, 0.4f, 0.9f, 0.5f, 0.1f, 0.2f, 0.0f], probabilities);
    }

    [Fact]
    public void Predicted_category_switches_on_its_ancestors()
    {
        bool[] predictions = [false, false, false, true, false, false, false, true, false, false];

        new TreeConsistency(Parents).Apply(predictions.AsSpan());

        Assert.Equal([true, true, false, true, false, true, false, true, false, false], predictions);
    }

    [Fact]
    public void Depths_count_from_one_and_cycles_are_rejected()
    {
        Assert.Equal([1, 2, 2, 3, 1], TreeConsistency.Depths(Parents));
        Assert.Throws<ArgumentException>(() => TreeConsistency.Depths([1, 0]));
        Assert.Throws<ArgumentException>(() => new TreeConsistency([-1, 5]));
    }
}
