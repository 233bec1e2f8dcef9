namespace ProductClassifier.Core.Labelling;

/// <summary>A labeller's decision on a product: the full set of positive categories, ancestors included.</summary>
public sealed class LabelDecision
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public required string Labeller { get; set; }
    public int[] PositiveCategoryIds { get; set; } = [];
    public DateTime DecidedAt { get; set; } = DateTime.UtcNow;
    public long? BatchId { get; set; }
}
