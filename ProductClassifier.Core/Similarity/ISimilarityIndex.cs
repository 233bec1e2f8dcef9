namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Nearest products by image embedding (cosine distance) in one catalogue's index. Implementations: the embedded
/// USearch HNSW file (<see cref="Embedded.EmbeddedSimilarityReader"/>) and Elasticsearch
/// (<see cref="Elasticsearch.ElasticsearchSimilarityIndex"/>); <see cref="SimilarityIndexes"/> picks one from the
/// <c>Similarity</c> configuration section. Safe for concurrent searches.
/// </summary>
public interface ISimilarityIndex : IDisposable
{
    /// <summary>What serves the searches, for logs and pages, e.g. "embedded HNSW (expansion 96)".</summary>
    string Description { get; }

    /// <summary>Products in the index.</summary>
    Task<long> CountAsync(CancellationToken ct = default);

    /// <summary>The <see cref="SimilarityQuery.K"/> nearest products, nearest first (fewer when the index or the category holds fewer).</summary>
    Task<IReadOnlyList<SimilarProduct>> SearchAsync(SimilarityQuery query, CancellationToken ct = default);
}
