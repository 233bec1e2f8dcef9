namespace ProductClassifier.Core.Similarity;

/// <summary>What <see cref="EmbeddingStore.SaveAsync"/> changed.</summary>
public sealed record EmbeddingWrite(int Written, int Removed, int Unchanged);
