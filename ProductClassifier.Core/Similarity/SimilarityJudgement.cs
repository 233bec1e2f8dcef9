namespace ProductClassifier.Core.Similarity;

/// <summary>
/// An admin's verdict on one neighbour the index returned for a query product: does it look like it? One row per
/// (query, neighbour): judging the pair again replaces the verdict, the judge and the rank.
/// </summary>
public sealed class SimilarityJudgement
{
    public long Id { get; set; }
    public long QueryProductId { get; set; }
    public long NeighbourProductId { get; set; }

    /// <summary>The neighbour's 1-based position in the list the judge saw: precision@k counts the judgements with rank ≤ k.</summary>
    public int Rank { get; set; }

    public bool IsSimilar { get; set; }
    public required string Judge { get; set; }
    public DateTime JudgedAt { get; set; } = DateTime.UtcNow;
}
