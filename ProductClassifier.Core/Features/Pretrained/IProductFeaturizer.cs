namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// A pretrained model that turns each product into one dense row of a <see cref="FeatureSet"/> block.
/// <see cref="FeatureCache"/> stores its rows keyed by product, input fingerprint and model name.
/// </summary>
public interface IProductFeaturizer
{
    /// <summary>The <see cref="FeatureSet"/> block the rows go to, e.g. <see cref="FeatureSet.Image"/>.</summary>
    string Block { get; }

    /// <summary>The N×1 block that says which rows came from a real input (1) or stand in for a missing one (0), if any.</summary>
    string? PresentBlock { get; }

    /// <summary>Model and input recipe; cached rows of another model name are never reused.</summary>
    string ModelName { get; }

    int Dimensions { get; }

    /// <summary>A short string that changes whenever the product's input to this model changes.</summary>
    string Fingerprint(ProductRecord product);

    /// <summary>
    /// Computes one row per product, in order. <paramref name="progress"/> receives the number of products done so far
    /// and may be called from worker threads.
    /// </summary>
    Task<FeatureBatch> ComputeAsync(
        IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken cancellationToken);
}
