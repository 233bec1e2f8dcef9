namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>Rows computed by an <see cref="IProductFeaturizer"/>: row-major values, and whether each input was usable.</summary>
/// <param name="Present">False where the input was missing or unreadable; that row is all zeros.</param>
public sealed record FeatureBatch(int Dimensions, float[] Values, bool[] Present)
{
    public int Count => Present.Length;

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimensions, Dimensions);
}
