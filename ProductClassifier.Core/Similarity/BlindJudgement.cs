namespace ProductClassifier.Core.Similarity;

/// <summary>
/// One judge's verdict on a neighbour shown in a blind comparison of the two embeddings (<see cref="TeamDraftInterleaving"/>):
/// credited to the embedding whose pick showed it (<see cref="Team"/>), with its rank in each embedding's own list, so
/// precision@k of either is read from the verdicts on its own top k. One row per judge, query and neighbour: judging
/// the pair again replaces it.
/// </summary>
public sealed class BlindJudgement
{
    public long Id { get; set; }
    public long QueryProductId { get; set; }
    public long NeighbourProductId { get; set; }

    /// <summary>The category the neighbours were searched in (the page's filter), or null for the whole catalogue.</summary>
    public int? CategoryId { get; set; }

    /// <summary>The embedding that contributed the neighbour to the interleaved list.</summary>
    public SimilarityEmbedding Team { get; set; }

    /// <summary>The 1-based position in the interleaved list the judge saw.</summary>
    public int ShownRank { get; set; }

    public int? PretrainedRank { get; set; }
    public int? LearnedRank { get; set; }
    public bool IsSimilar { get; set; }
    public required string Judge { get; set; }
    public DateTime JudgedAt { get; set; } = DateTime.UtcNow;
}
