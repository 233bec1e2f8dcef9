namespace ProductClassifier.Core.Similarity;

/// <summary>What a <see cref="SimilaritySync"/> run applied, and the index afterwards.</summary>
public sealed record SimilaritySyncResult(int Added, int Removed, long Count, long Watermark);
