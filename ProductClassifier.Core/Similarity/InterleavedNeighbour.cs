namespace ProductClassifier.Core.Similarity;

/// <summary>
/// A neighbour shown in a blind comparison: the embedding whose pick put it there (its <paramref name="Team"/>, which a
/// verdict on it is credited to) and its rank in each embedding's own list (null: that embedding did not return it).
/// </summary>
public sealed record InterleavedNeighbour(long ProductId, SimilarityEmbedding Team, int? PretrainedRank, int? LearnedRank)
{
    /// <summary>The neighbour's rank in <paramref name="embedding"/>'s own list, or null.</summary>
    public int? RankIn(SimilarityEmbedding embedding) => embedding == SimilarityEmbedding.Pretrained ? PretrainedRank : LearnedRank;
}
