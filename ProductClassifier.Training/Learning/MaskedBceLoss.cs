using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// Binary cross-entropy per (product, category) where unknown labels (mask 0) contribute nothing, positives of rare
/// categories weigh more (per-category positive weights), and each product's terms are scaled by its row weight.
/// The sum is divided by the number of known labels, not by the weights, so row weights scale the loss: an
/// importance weight of 3 counts that product three times, as an unbiased weighted estimate needs.
/// </summary>
public static class MaskedBceLoss
{
    /// <param name="logits">[rows, categories]</param>
    /// <param name="targets">[rows, categories], 0 or 1 where known, anything where masked</param>
    /// <param name="mask">[rows, categories], 1 known, 0 unknown</param>
    /// <param name="rowWeights">[rows]</param>
    /// <param name="positiveWeights">[categories], or null for 1</param>
    public static Tensor Compute(Tensor logits, Tensor targets, Tensor mask, Tensor rowWeights, Tensor? positiveWeights) =>
        Sum(logits, targets, mask, rowWeights, positiveWeights) / mask.sum().clamp_min(HeldScalars.One);

    /// <summary>The weighted sum of the known terms; <see cref="Compute"/> divides it by the count of known labels.</summary>
    public static Tensor Sum(Tensor logits, Tensor targets, Tensor mask, Tensor rowWeights, Tensor? positiveWeights)
    {
        var known = mask > HeldScalars.Zero;
        // Masked targets may hold anything (even NaN); zero them so no stray value reaches the terms or their gradients.
        var cleanTargets = where(known, targets, zeros_like(targets));
        var terms = nn.functional.binary_cross_entropy_with_logits(logits, cleanTargets,
            reduction: nn.Reduction.None, pos_weights: positiveWeights);
        var weights = mask * rowWeights.unsqueeze(1);
        return where(known, terms * weights, zeros_like(terms)).sum();
    }
}
