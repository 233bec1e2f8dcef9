namespace ProductClassifier.Training.Networks;

/// <summary>Size and optimisation defaults of one model; each architecture in <see cref="ModelRegistry"/> has its own.</summary>
public sealed record ModelHyperParameters
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public int Hidden { get; init; } = 256;
    public int Embedding { get; init; } = 64;
    public int Filters { get; init; } = 64;
    public double Dropout { get; init; } = 0.2;

    /// <summary>Token sequences are cut to this length.</summary>
    public int MaxTokens { get; init; } = 64;
}
