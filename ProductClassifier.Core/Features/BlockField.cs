namespace ProductClassifier.Core.Features;

/// <summary>The columns one product column occupies in a sparse or dense block (e.g. for per-field embeddings).</summary>
public sealed record BlockField(string Column, int Offset, int Width);
