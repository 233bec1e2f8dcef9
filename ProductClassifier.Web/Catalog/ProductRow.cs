namespace ProductClassifier.Web.Catalog;

/// <summary>One line of the product list.</summary>
public sealed record ProductRow(long Id, string ExternalId, string? Title, string? Brand, decimal? Price, string? Currency,
    string Source, string? FeedCategory, bool HasImage);

/// <summary>One page of the product list and how many products match in all.</summary>
public sealed record ProductPage(IReadOnlyList<ProductRow> Rows, int Total);
