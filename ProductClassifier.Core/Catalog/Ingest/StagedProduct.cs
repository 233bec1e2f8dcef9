namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>A feed row mapped onto product fields, ready for the staging table.</summary>
internal sealed record StagedProduct(
    string ExternalId, string? Merchant, string? Title, string? Description, string? Brand, decimal? Price,
    string? Currency, string? ImageRef, string? FeedCategory, string Attributes, string ContentHash);
