namespace ProductClassifier.Core.Similarity;

/// <summary>A row an index has to apply: a new or changed vector, or (null vector) a removal.</summary>
public sealed record EmbeddingChange(long ProductId, float[]? Vector, long Revision);
