namespace ProductClassifier.Core.Similarity;

/// <summary>
/// A product's image embedding from one model, written by <c>./pc featurize</c>. A product whose image went away
/// keeps a row without a vector (a tombstone), so an index catching up by <see cref="Revision"/> learns to drop it.
/// </summary>
public sealed class ProductEmbedding
{
    public long ProductId { get; set; }
    public required string Model { get; set; }

    /// <summary>L2-normalised values; null when the product has no usable image.</summary>
    public float[]? Vector { get; set; }

    /// <summary>Hash of the vector's bytes: a rewrite that would change nothing is skipped.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Grows with every write (rows are replaced, never updated in place), so readers catch up with "revision &gt; last seen".</summary>
    public long Revision { get; set; }

    public DateTime FeaturizedAt { get; set; } = DateTime.UtcNow;
}
