namespace ProductClassifier.Core.Labelling;

/// <summary>An item a labeller decided in the open batch, in the order they decided them (for ← and →).</summary>
public sealed record HistoryEntry(long ProductId, string? Title, IReadOnlyList<int> CategoryIds, DateTime DecidedAt);
