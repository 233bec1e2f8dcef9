using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Pipeline;

/// <summary>Adds pretrained blocks (image, sentence embeddings) to a feature set, computed once per product and cached.</summary>
public interface IPretrainedFeatures
{
    Task AddAsync(FeatureSet features, IReadOnlyList<ProductRecord> products, CancellationToken ct);
}
