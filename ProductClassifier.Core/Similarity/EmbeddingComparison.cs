namespace ProductClassifier.Core.Similarity;

/// <summary>What <see cref="SimilarityEvaluation.CompareAsync"/> measured: agreement@k of each embedding on the same queries.</summary>
/// <param name="Queries">Test-split products with reference labels that every embedding embeds.</param>
/// <param name="Pool">Products every embedding embeds: the neighbours searched.</param>
public sealed record EmbeddingComparison(int Queries, int Pool, int K, IReadOnlyList<(string Model, Agreement Agreement)> Scores);
