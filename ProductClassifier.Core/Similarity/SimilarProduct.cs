namespace ProductClassifier.Core.Similarity;

/// <summary>A neighbour: the product and its cosine distance (1 − cosine similarity: 0 identical, 2 opposite).</summary>
public sealed record SimilarProduct(long ProductId, float Distance);
