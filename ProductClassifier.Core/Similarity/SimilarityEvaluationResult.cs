namespace ProductClassifier.Core.Similarity;

/// <summary>What <see cref="SimilarityEvaluation"/> measured.</summary>
/// <param name="Queries">Products with an embedding and labels.</param>
/// <param name="Exact">The same agreement for exact neighbours, when asked for.</param>
/// <param name="Recall">The fraction of the exact k neighbours the index returned, when asked for.</param>
public sealed record SimilarityEvaluationResult(int Queries, int Embedded, string LabelSource, int K,
    Agreement Index, Agreement? Exact, double? Recall);
