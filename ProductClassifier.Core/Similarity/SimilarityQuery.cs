namespace ProductClassifier.Core.Similarity;

/// <summary>A nearest-neighbour query.</summary>
/// <param name="Vector">An image embedding of <see cref="SimilarityOptions.Dimensions"/> values (L2-normalised or not: the distance is cosine).</param>
/// <param name="CategoryId">Only products in this category (or below it).</param>
/// <param name="ExcludeProductId">Leave this product out (the query product itself).</param>
public sealed record SimilarityQuery(float[] Vector, int K = 10, int? CategoryId = null, long? ExcludeProductId = null);
