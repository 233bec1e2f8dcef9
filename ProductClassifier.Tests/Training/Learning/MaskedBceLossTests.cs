using ProductClassifier.Training.Learning;
using static TorchSharp.torch;

namespace ProductClassifier.Tests.Training.Learning;

public sealed class MaskedBceLossTests
{
    private static readonly float[] Logits = [2f, -1f, 0.5f, -0.3f, 1.2f, 0.1f];
    private static readonly float[] Mask = [1, 0, 1, 1, 1, 0];

    [Fact]
    public void Masked_labels_change_neither_loss_nor_gradients()
    {
        var (lossA, gradA) = LossAndGradient([1, 0, 0, 1, 0, 1], Mask, [1, 1]);
        var (lossB, gradB) = LossAndGradient([1, 1, 0, 1, 0, float.NaN], Mask, [1, 1]);

        Assert.Equal(lossA, lossB);
        Assert.Equal(gradA, gradB);
        Assert.Equal(0f, gradA[1]);
        Assert.Equal(0f, gradA[5]);
    }

    [Fact]
    public void Row_weights_scale_each_products_terms()
    {
        float[] targets = [1, 0, 0, 1, 0, 1];
        var (unit, _) = LossAndGradient(targets, Mask, [1, 1]);
        var (doubled, _) = LossAndGradient(targets, Mask, [2, 2]);
        var (firstOnly, _) = LossAndGradient(targets, Mask, [1, 0]);
        var (secondOnly, _) = LossAndGradient(targets, Mask, [0, 1]);
        var (weighted, _) = LossAndGradient(targets, Mask, [3, 1]);

        Assert.Equal(2 * unit, doubled, 5);
        Assert.Equal(unit, firstOnly + secondOnly, 5);
        Assert.Equal(3 * firstOnly + secondOnly, weighted, 5);
    }

    [Fact]
    public void Positive_weight_multiplies_only_the_positive_terms()
    {
        using var logits = tensor(new[] { 0.3f, 0.3f }, [1, 2]);
        using var targets = tensor(new[] { 1f, 0f }, [1, 2]);
        using var mask = ones(1, 2);
        using var rows = ones(1);
        using var positive = tensor(new[] { 5f, 5f });

        var loss = MaskedBceLoss.Compute(logits, targets, mask, rows, positive).item<float>();

        var expected = (5 * Math.Log(1 + Math.Exp(-0.3)) + Math.Log(1 + Math.Exp(0.3))) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void Positive_weights_are_negatives_over_positives_clamped()
    {
        var labels = new ProductClassifier.Core.Features.LabelMatrix(3,
            [1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1]);

        var weights = PositiveWeights.Compute(labels, [0, 1, 2, 3], minimum: 1, maximum: 3.5f);

        // 3 negatives : 1 positive; no positives (capped); more positives than negatives (floored).
        Assert.Equal([3f, 3.5f, 1f], weights);
    }

    private static (float Loss, float[] Gradient) LossAndGradient(float[] targets, float[] mask, float[] rowWeights)
    {
        using var logits = tensor(Logits, [2, 3], requires_grad: true);
        using var y = tensor(targets, [2, 3]);
        using var m = tensor(mask, [2, 3]);
        using var w = tensor(rowWeights);
        using var positive = tensor(new[] { 2f, 1f, 4f });
        using var loss = MaskedBceLoss.Compute(logits, y, m, w, positive);
        loss.backward();
        return (loss.item<float>(), logits.grad!.data<float>().ToArray());
    }
}
