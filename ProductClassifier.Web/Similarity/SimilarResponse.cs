namespace ProductClassifier.Web.Similarity;

/// <summary>The answer to a similarity search.</summary>
/// <param name="Query">The product searched by (null for an uploaded image).</param>
/// <param name="Category">The category filter's path, when one was given.</param>
/// <param name="Index">What served the search, e.g. "embedded HNSW (USearch, expansion 128)".</param>
public sealed record SimilarResponse(string Catalogue, ProductSummary? Query, string? Category, int K, string Index,
    IReadOnlyList<SimilarItem> Products);
