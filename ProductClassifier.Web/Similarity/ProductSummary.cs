namespace ProductClassifier.Web.Similarity;

/// <summary>A product as the similarity page and API show it.</summary>
/// <param name="Categories">Its most specific best-known categories (paths), as the index's category filter sees them.</param>
/// <param name="ImageUrl">The app's <c>/images/{id}</c> address, or null when the product has no image.</param>
public sealed record ProductSummary(long Id, string? Title, string? Brand, IReadOnlyList<string> Categories, string? ImageUrl);
