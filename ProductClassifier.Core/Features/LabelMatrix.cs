namespace ProductClassifier.Core.Features;

/// <summary>
/// Multi-label targets: one independent binary output per category. <see cref="Mask"/> is 0 where a label is
/// unknown, so it adds nothing to the loss, 1 where it is known, and in between where it is only partly trusted (a
/// rule label scaled by <see cref="ActiveLearning.RuleTrust"/>); <see cref="RowWeights"/> weights whole products (human
/// labels outweigh rule labels; importance weights of actively sampled products).
/// </summary>
public sealed class LabelMatrix(int categories, float[] targets, float[] mask, float[] rowWeights)
{
    public int Categories { get; } = categories;
    public int Count => RowWeights.Length;
    public float[] Targets { get; } = targets;
    public float[] Mask { get; } = mask;
    public float[] RowWeights { get; } = rowWeights;

    public static LabelMatrix Empty(int rows, int categories) =>
        new(categories, new float[rows * categories], new float[rows * categories], Enumerable.Repeat(1f, rows).ToArray());
}
