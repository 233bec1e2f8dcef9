namespace ProductClassifier.Core.Similarity;

/// <summary>A product as an index holds it.</summary>
/// <param name="Categories">Category ids a category filter matches: the best-known labels, ancestors included (see <see cref="ProductCategories"/>).</param>
/// <param name="Predicted">The active model's predicted category ids (stored by Elasticsearch for display and queries).</param>
public sealed record SimilarityEntry(long ProductId, float[] Vector, int[] Categories, int[] Predicted);
