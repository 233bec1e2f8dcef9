namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>Rows computed by an <see cref="IProductFeaturizer"/>: row-major values, and whether each input was usable.</summary>
/// <param name="Present">False where the input was missing or unreadable; that row is all zeros.</param>
public sealed record FeatureBatch(int Dimensions, float[] Values, bool[] Present)
{
    public int Count => Present.Length;

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Puts the rows into <paramref name="features"/> as <paramref name="block"/> (and the presence column, when named).</summary>
    public void ToBlock(FeatureSet features, string block, string? presentBlock)
    {
        features.Dense[block] = new DenseRows(Dimensions, Values);
        if (presentBlock is not null) features.Dense[presentBlock] = new DenseRows(1, Present.Select(p => p ? 1f : 0f).ToArray());
    }
}
