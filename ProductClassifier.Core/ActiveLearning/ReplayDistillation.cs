using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.ActiveLearning;

/// <summary>
/// What the replayed products teach a member during a labelling round's fine-tuning: the member's own predictions from
/// before the round, instead of the rule labels. Replay exists so that fine-tuning on a few heavily weighted human labels
/// does not forget the rest of the catalogue. Replaying the rule labels re-taught, every round, the mistakes the human
/// labels had just corrected (a title with "T-shirt" fires the Shirts rule). The model's own predictions keep what it
/// learnt from the rules in pre-training and what earlier rounds corrected. The price: a category that no human label
/// reaches is no longer held up by its rule positives, so a strategy that never asks about rare categories (random)
/// loses some of them. BENCHMARKS.md, issue 4, has the figures.
/// </summary>
public static class ReplayDistillation
{
    /// <summary>
    /// Overwrites the targets of <paramref name="rows"/> with the teacher's probabilities, every category known (mask 1)
    /// at row weight 1. The loss weighs a positive term by its category's positive weight w, so a soft target p would be
    /// learnt as w p / (w p + 1 − p); each target is set to p / (w (1 − p) + p), whose minimiser under that loss is p.
    /// Without that correction, fine-tuning drove every category's probability up (macro-F1 0.10 after 300 labels).
    /// </summary>
    /// <param name="labels">Labels over every product, indexed by product (as <see cref="CorpusLabels.ForTraining"/> builds them).</param>
    /// <param name="rows">The replayed products; none may be human-labelled.</param>
    /// <param name="teacher">Probabilities, row-major [rows × categories], in the order of <paramref name="rows"/>.</param>
    /// <param name="positiveWeights">The student's per-category positive weights, as its loss applies them.</param>
    public static void Apply(LabelMatrix labels, IReadOnlyList<int> rows, float[] teacher, float[] positiveWeights)
    {
        var c = labels.Categories;
        if (teacher.Length != rows.Count * c)
            throw new ArgumentException($"Teacher holds {teacher.Length} probabilities, expected {rows.Count} rows × {c} categories.", nameof(teacher));
        if (positiveWeights.Length != c)
            throw new ArgumentException($"{positiveWeights.Length} positive weights for {c} categories.", nameof(positiveWeights));
        for (var r = 0; r < rows.Count; r++)
        {
            var offset = rows[r] * c;
            labels.RowWeights[rows[r]] = 1f;
            for (var k = 0; k < c; k++)
            {
                var p = Math.Clamp(teacher[r * c + k], 0f, 1f);
                labels.Targets[offset + k] = p / (positiveWeights[k] * (1 - p) + p);
                labels.Mask[offset + k] = 1f;
            }
        }
    }

    /// <summary>A copy of <paramref name="labels"/> that <see cref="Apply"/> can change without touching the original.</summary>
    public static LabelMatrix Copy(LabelMatrix labels) =>
        new(labels.Categories, (float[])labels.Targets.Clone(), (float[])labels.Mask.Clone(), (float[])labels.RowWeights.Clone());
}
