namespace ProductClassifier.Core.Features;

/// <summary>A category as one output of the models: its index in the corpus, its parent's index (-1 for a root).</summary>
public sealed record CorpusCategory(int Index, string Path, int Parent, int Depth);
