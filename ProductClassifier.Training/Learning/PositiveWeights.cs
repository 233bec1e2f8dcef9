using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Learning;

/// <summary>Per-category weights for positive labels against class imbalance: known negatives ÷ known positives, clamped.</summary>
public static class PositiveWeights
{
    public static float[] Compute(LabelMatrix labels, IReadOnlyList<int> rows, float minimum = 1, float maximum = 50)
    {
        var c = labels.Categories;
        var positives = new double[c];
        var negatives = new double[c];
        foreach (var row in rows)
            for (var k = 0; k < c; k++)
            {
                var i = row * c + k;
                if (labels.Mask[i] <= 0) continue;
                if (labels.Targets[i] > 0.5f) positives[k]++;
                else negatives[k]++;
            }
        return Enumerable.Range(0, c)
            .Select(k => (float)Math.Clamp(negatives[k] / Math.Max(positives[k], 1), minimum, maximum)).ToArray();
    }
}
