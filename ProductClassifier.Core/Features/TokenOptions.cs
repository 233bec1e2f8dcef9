namespace ProductClassifier.Core.Features;

/// <summary>The token-id view: one vocabulary shared by all <see cref="Representation.Tokens"/> columns.</summary>
public sealed record TokenOptions
{
    /// <summary>Vocabulary size without the two reserved ids (0 = padding, 1 = unknown).</summary>
    public int TopK { get; init; } = 30_000;
    public int MinCount { get; init; } = 2;

    /// <summary>Longest sequence per product, all token columns together (each column may cap its own share).</summary>
    public int MaxTokens { get; init; } = 128;
}
