namespace ProductClassifier.Core.Similarity;

/// <summary>Precision@k averaged over the judged query products of one category (<see cref="CategoryId"/> null: products without one).</summary>
public sealed record CategoryPrecision(int? CategoryId, string Category, int Queries, int Judged, double Precision);
