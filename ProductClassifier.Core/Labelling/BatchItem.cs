namespace ProductClassifier.Core.Labelling;

/// <summary>
/// A product of a labelling batch and the probability it had of being picked: its loss weight when the ensemble is
/// fine-tuned is the inverse (importance weighting keeps the labelled set an unbiased sample of the pool).
/// </summary>
public sealed class BatchItem
{
    public long BatchId { get; set; }
    public long ProductId { get; set; }
    public int Position { get; set; }
    public double InclusionProbability { get; set; }
}
