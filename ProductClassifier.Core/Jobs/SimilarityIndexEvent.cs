using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>An index-similarity job caught the index up to the embeddings up to <paramref name="Watermark"/>.</summary>
/// <param name="Index">The index's own description (kind, settings).</param>
/// <param name="Embedding">Which embedding the index holds (<c>pretrained</c> or <c>learned</c>; null in events from before there were two).</param>
public sealed record SimilarityIndexEvent(int Added, int Removed, long Count, long Watermark, string Index, string? Embedding = null) : JobEventPayload
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"similarity index{(Embedding is null ? "" : $" ({Embedding} embedding)")}: {Added:N0} added, {Removed:N0} removed, {Count:N0} products ({Index})");
}
