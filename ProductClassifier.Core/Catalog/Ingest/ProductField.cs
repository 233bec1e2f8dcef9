namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>The product fields a <see cref="FeedMapping"/> can fill from a feed.</summary>
public enum ProductField
{
    ExternalId,
    Title,
    Description,
    Brand,
    Merchant,
    Price,
    Currency,
    Image,
    CategoryPath,
}
