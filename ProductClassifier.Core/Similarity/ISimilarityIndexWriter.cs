namespace ProductClassifier.Core.Similarity;

/// <summary>
/// The one process that changes a catalogue's index (the CLI's rebuild or the worker's index job). Changes become
/// visible to readers in other processes when <see cref="PublishAsync"/> returns. Not for concurrent use.
/// </summary>
public interface ISimilarityIndexWriter : ISimilarityIndex
{
    /// <summary>The embedding revision (<see cref="ProductEmbedding.Revision"/>) the published index holds; 0 when empty.</summary>
    Task<long> WatermarkAsync(CancellationToken ct = default);

    /// <summary>Empties the index (a rebuild starts here).</summary>
    Task ClearAsync(CancellationToken ct = default);

    /// <summary>Adds the products, replacing the vector and categories of any already present.</summary>
    Task UpsertAsync(IReadOnlyList<SimilarityEntry> entries, CancellationToken ct = default);

    Task RemoveAsync(IReadOnlyCollection<long> productIds, CancellationToken ct = default);

    /// <summary>Makes the changes durable and visible to readers, recording the revision they bring the index up to.</summary>
    Task PublishAsync(long watermark, CancellationToken ct = default);
}
