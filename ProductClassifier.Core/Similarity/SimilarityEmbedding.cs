namespace ProductClassifier.Core.Similarity;

/// <summary>Which image embedding visual similarity searches (<c>Similarity:Embedding</c>).</summary>
public enum SimilarityEmbedding
{
    /// <summary>ImageNet ResNet18 features as they come (<see cref="SimilarityOptions.Model"/>).</summary>
    Pretrained,

    /// <summary>The catalogue's learned projection head over those features (<see cref="LearnedEmbedding"/>).</summary>
    Learned,
}
