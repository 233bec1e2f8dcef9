namespace ProductClassifier.Web.Similarity;

/// <summary>A product as the similarity page and API show it.</summary>
/// <param name="Categories">Its most specific best-known categories (paths), as the index's category filter sees them.</param>
/// <param name="ImageUrl">The app's <c>/images/{id}</c> address, or null when the product has no image.</param>
public sealed record ProductSummary(long Id, string? Title, string? Brand, IReadOnlyList<string> Categories, string? ImageUrl);

/// <summary>A neighbour: cosine <paramref name="Distance"/> (0 identical … 2 opposite) and <paramref name="Similarity"/> = 1 − distance.</summary>
public sealed record SimilarItem(int Rank, long Id, string? Title, string? Brand, IReadOnlyList<string> Categories, string? ImageUrl,
    float Distance, float Similarity);

/// <summary>The answer to a similarity search.</summary>
/// <param name="Query">The product searched by (null for an uploaded image).</param>
/// <param name="Category">The category filter's path, when one was given.</param>
/// <param name="Index">What served the search, e.g. "embedded HNSW (USearch, expansion 128)".</param>
public sealed record SimilarResponse(string Catalogue, ProductSummary? Query, string? Category, int K, string Index,
    IReadOnlyList<SimilarItem> Products);
