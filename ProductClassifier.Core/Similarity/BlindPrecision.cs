namespace ProductClassifier.Core.Similarity;

/// <summary>
/// What the blind verdicts say about the two embeddings: precision@<see cref="K"/> of each, over all judged query
/// products and per category, and the team-draft outcome (per query and judge, which embedding's picks were judged
/// similar more often).
/// </summary>
/// <param name="Queries">Query products with at least one verdict.</param>
public sealed record BlindPrecision(int K, int Queries, int Verdicts, EmbeddingScore Pretrained, EmbeddingScore Learned,
    TeamDraftOutcome Outcome, IReadOnlyList<BlindCategoryPrecision> Categories)
{
    public EmbeddingScore Of(SimilarityEmbedding embedding) => embedding == SimilarityEmbedding.Pretrained ? Pretrained : Learned;
}

/// <summary>
/// One embedding's precision@k: per query product, the share of the verdicts on its neighbours at rank ≤ k in that
/// embedding's own list that say similar, averaged over the query products (null when none has such a verdict).
/// </summary>
/// <param name="Queries">Query products with a verdict on one of the embedding's top k.</param>
/// <param name="Judged">Those verdicts.</param>
public sealed record EmbeddingScore(double? Precision, int Queries, int Judged);

/// <summary>Both embeddings' precision@k over the judged query products of one category (<see cref="CategoryId"/> null: without one).</summary>
public sealed record BlindCategoryPrecision(int? CategoryId, string Category, int Queries, EmbeddingScore Pretrained, EmbeddingScore Learned);

/// <summary>
/// Team-draft interleaving's verdict: per query product and judge, the embedding more of whose picks were judged
/// similar wins (equal counts: a tie).
/// </summary>
public sealed record TeamDraftOutcome(int LearnedWins, int PretrainedWins, int Ties);
