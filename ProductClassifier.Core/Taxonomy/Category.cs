namespace ProductClassifier.Core.Taxonomy;

/// <summary>A node of a catalogue's category tree; each node is an independent binary output.</summary>
public sealed class Category
{
    public const string PathSeparator = " > ";

    public int Id { get; set; }
    public int CatalogueId { get; set; }
    public int? ParentId { get; set; }
    public required string Name { get; set; }

    /// <summary>Full path from the root, names joined by " > ".</summary>
    public required string Path { get; set; }

    /// <summary>1 for a top-level category.</summary>
    public int Depth { get; set; }

    /// <summary>The source taxonomy's own id (Google's number, Shopify's gid), when it has one.</summary>
    public string? ExternalId { get; set; }
}
