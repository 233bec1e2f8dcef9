using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class ReplayDistillationTests
{
    // Three products over two categories: 0 human-labelled (weight 5), 1 and 2 rule-labelled (trust-scaled masks).
    private static LabelMatrix Labels() => new(2, [1, 0, 1, 1, 0, 1], [1, 1, 0.4f, 0.9f, 0.3f, 0.8f], [5, 1, 1]);

    [Fact]
    public void Only_the_replayed_rows_take_the_teachers_probabilities_every_category_known()
    {
        var labels = Labels();
        var before = ReplayDistillation.Copy(labels);

        ReplayDistillation.Apply(labels, [2], [0.25f, 0.9f], [1f, 1f]);

        Assert.Equal([0.25f, 0.9f], labels.Targets[4..6]);
        Assert.Equal([1f, 1f], labels.Mask[4..6]);
        Assert.Equal(before.Targets[..4], labels.Targets[..4]);
        Assert.Equal(before.Mask[..4], labels.Mask[..4]);
        Assert.Equal(before.RowWeights, labels.RowWeights);
    }

    [Fact]
    public void Targets_undo_the_positive_weight_so_that_the_loss_is_least_at_the_teachers_probability()
    {
        var labels = Labels();
        float[] teacher = [0.02f, 0.7f];
        float[] weights = [20f, 4f];

        ReplayDistillation.Apply(labels, [1], teacher, weights);

        for (var k = 0; k < 2; k++)
        {
            // Under w·t·(−log σ) + (1 − t)·(−log(1 − σ)) the minimising σ is w t / (w t + 1 − t).
            var t = labels.Targets[2 + k];
            Assert.Equal(teacher[k], weights[k] * t / (weights[k] * t + 1 - t), 5);
            Assert.True(t < teacher[k]); // with w > 1 the raw probability would be learnt too high
        }
    }

    [Fact]
    public void A_copy_leaves_the_original_as_it_was()
    {
        var labels = Labels();
        var copy = ReplayDistillation.Copy(labels);
        ReplayDistillation.Apply(copy, [1, 2], [0.5f, 0.5f, 0.5f, 0.5f], [1f, 1f]);
        Assert.Equal(Labels().Targets, labels.Targets);
        Assert.Equal(Labels().Mask, labels.Mask);
    }

    [Fact]
    public void A_teacher_of_the_wrong_shape_is_refused_with_the_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => ReplayDistillation.Apply(Labels(), [1, 2], [0.5f, 0.5f], [1f, 1f]));
        Assert.Contains("2 rows × 2 categories", error.Message);
    }
}
