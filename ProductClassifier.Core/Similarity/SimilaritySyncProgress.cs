namespace ProductClassifier.Core.Similarity;

/// <summary>Embedding rows applied so far, of those pending when the run started.</summary>
public sealed record SimilaritySyncProgress(int Done, int Total);
