namespace ProductClassifier.Web.Similarity;

/// <summary>The answer to a similarity search.</summary>
/// <param name="Query">The product searched by (null for an uploaded image).</param>
/// <param name="Category">The category filter's path, when one was given.</param>
/// <param name="Index">What served the search, e.g. "embedded HNSW (USearch, expansion 128)".</param>
/// <param name="CategoriesFrom">Where the products' categories come from: <see cref="FromLabels"/> (best known: labellers'
/// decisions, reference labels, else the model's or the rules') for admins, <see cref="FromModel"/> (the active model's
/// predictions, else the rules') for everyone who labels blind.</param>
public sealed record SimilarResponse(string Catalogue, ProductSummary? Query, string? Category, int K, string Index, string CategoriesFrom,
    IReadOnlyList<SimilarItem> Products)
{
    /// <summary>The embedding searched: <c>pretrained</c> or <c>learned</c> (the catalogue's choice once its index is built).</summary>
    public string Embedding { get; init; } = "pretrained";

    public const string FromLabels = "labels";
    public const string FromModel = "model";
}
