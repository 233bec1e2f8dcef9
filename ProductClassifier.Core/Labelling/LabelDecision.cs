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

    /// <summary>
    /// An admin's resolution of a conflict between labellers (<see cref="Labeller"/> is the admin): the product's
    /// ground truth, above every labeller's decision.
    /// </summary>
    public bool IsResolution { get; set; }
}
