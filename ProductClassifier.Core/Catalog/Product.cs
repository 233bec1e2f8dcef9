namespace ProductClassifier.Core.Catalog;

/// <summary>A product as a feed delivered it, unique per (catalogue, source, external id).</summary>
public sealed class Product
{
    public long Id { get; set; }
    public int CatalogueId { get; set; }
    public required string Source { get; set; }
    public required string ExternalId { get; set; }
    public string? Merchant { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Brand { get; set; }
    public decimal? Price { get; set; }
    public string? Currency { get; set; }

    /// <summary>Image path (relative to the catalogue's image root) or URL.</summary>
    public string? ImageRef { get; set; }

    /// <summary>The feed's own category path ("A > B > C"), when it carries one.</summary>
    public string? FeedCategory { get; set; }

    /// <summary>Every other column of the feed row, as a JSON object.</summary>
    public string Attributes { get; set; } = "{}";

    /// <summary>Hash of the mapped content; an ingest only rewrites a row whose hash changed.</summary>
    public required string ContentHash { get; set; }

    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }

    /// <summary>Set when a full feed no longer carries the product: kept for its labels, hidden elsewhere.</summary>
    public DateTime? GoneAt { get; set; }
}
