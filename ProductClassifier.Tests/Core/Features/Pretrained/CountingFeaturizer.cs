using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>Passes calls to another featurizer and counts the products it was asked to compute.</summary>
public sealed class CountingFeaturizer(IProductFeaturizer inner) : IProductFeaturizer
{
    public int Computed { get; private set; }
    public string Block => inner.Block;
    public string? PresentBlock => inner.PresentBlock;
    public string ModelName => inner.ModelName;
    public int Dimensions => inner.Dimensions;

    public string Fingerprint(ProductRecord product) => inner.Fingerprint(product);

    public Task<FeatureBatch> ComputeAsync(IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Computed += products.Count;
        return inner.ComputeAsync(products, progress, cancellationToken);
    }
}
