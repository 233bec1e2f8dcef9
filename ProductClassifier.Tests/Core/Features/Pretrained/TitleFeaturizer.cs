using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>A cheap stand-in model: 4 numbers derived from the title, which is also its fingerprint.</summary>
public sealed class TitleFeaturizer(string modelName = "title-v1") : IProductFeaturizer
{
    public string Block => "title";
    public string? PresentBlock => null;
    public string ModelName => modelName;
    public int Dimensions => 4;

    public string Fingerprint(ProductRecord product) => product.Title ?? "";

    public Task<FeatureBatch> ComputeAsync(IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var values = products.SelectMany(p => new float[] { p.Title?.Length ?? 0, p.Title?.FirstOrDefault() ?? 0, 1, 2 }).ToArray();
        return Task.FromResult(new FeatureBatch(Dimensions, values, products.Select(_ => true).ToArray()));
    }
}
