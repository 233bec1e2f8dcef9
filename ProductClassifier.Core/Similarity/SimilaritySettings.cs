namespace ProductClassifier.Core.Similarity;

/// <summary>
/// An admin's choice of the embedding a catalogue's visual similarity searches, and the one its searches use now. A
/// choice is served only once an index-similarity job has published its index, so searches never meet an index that is
/// still being built; until then they keep the one served before (see <see cref="EmbeddingChoice"/>).
/// </summary>
public sealed class SimilaritySettings
{
    public int CatalogueId { get; set; }

    /// <summary>The embedding chosen, which index-similarity jobs build and then serve.</summary>
    public SimilarityEmbedding Embedding { get; set; }

    /// <summary>The embedding searches use: the last choice whose index a job published (none yet: the configured default).</summary>
    public SimilarityEmbedding? ServedEmbedding { get; set; }

    public required string ChosenBy { get; set; }
    public DateTime ChosenAt { get; set; } = DateTime.UtcNow;
    public DateTime? ServedAt { get; set; }
}
