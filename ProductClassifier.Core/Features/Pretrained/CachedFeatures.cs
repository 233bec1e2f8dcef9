namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>The rows of one feature block for a list of products, in the order of that list.</summary>
/// <param name="Present">N×1: 1 where the row came from a real input, 0 where the input was missing or unreadable.</param>
/// <param name="Computed">Rows computed by the model in this call (the rest came from the cache).</param>
public sealed record CachedFeatures(string Block, string? PresentBlock, DenseRows Rows, DenseRows Present, int Computed)
{
    public int FromCache => Rows.Count - Computed;

    /// <summary>Adds the rows (and the presence column, where the featurizer has one) to <paramref name="features"/>.</summary>
    public void AddTo(FeatureSet features)
    {
        if (features.Count != Rows.Count)
            throw new ArgumentException($"Feature set has {features.Count} products, the {Block} block {Rows.Count}.");
        features.Dense[Block] = Rows;
        if (PresentBlock is not null) features.Dense[PresentBlock] = Present;
    }
}
