namespace ProductClassifier.Core.Similarity;

/// <summary>Precision@<see cref="K"/> of judged neighbours over all judged query products, and per category.</summary>
/// <param name="Queries">Query products with at least one judged neighbour at rank ≤ k.</param>
/// <param name="Judged">Judgements counted.</param>
public sealed record SimilarityPrecision(int K, double Overall, int Queries, int Judged, IReadOnlyList<CategoryPrecision> Categories);
