using ProductClassifier.Training.Ensemble;

namespace ProductClassifier.Tests.Training.Ensemble;

public sealed class TreeConsistencyTests
{
    [Fact]
    public void A_parent_scores_at_least_its_highest_descendant()
    {
        // 0 ← 1 ← 2 (a chain) and 0 ← 3; category 4 is a second root.
        int[] parents = [-1, 0, 1, 0, -1];
        float[] scores = [0.1f, 0.2f, 0.9f, 0.4f, 0.3f, /* row 2 */ 0.8f, 0.1f, 0.05f, 0.2f, 0.0f];

        TreeConsistency.Apply(scores, parents);

        Assert.Equal([0.9f, 0.9f, 0.9f, 0.4f, 0.3f, 0.8f, 0.1f, 0.05f, 0.2f, 0.0f], scores);
    }
}
