namespace ProductClassifier.Core.Labelling;

/// <summary>A decision as stored: the chosen categories and every ancestor they imply.</summary>
public sealed record SavedDecision(long ProductId, IReadOnlyList<int> CategoryIds, DateTime DecidedAt);
