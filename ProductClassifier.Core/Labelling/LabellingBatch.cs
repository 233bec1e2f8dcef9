namespace ProductClassifier.Core.Labelling;

/// <summary>The products picked for one labelling round.</summary>
public sealed class LabellingBatch
{
    public long Id { get; set; }
    public int CatalogueId { get; set; }
    public int Round { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
