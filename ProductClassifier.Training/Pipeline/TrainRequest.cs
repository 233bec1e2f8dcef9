using ProductClassifier.Core.Features;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Pipeline;

/// <summary>What one training of a model version is asked to do, with the preprocessing it starts from.</summary>
public sealed record TrainRequest(PreprocessingConfig Config)
{
    /// <summary>Members to train (default: every registered model whose inputs the features have).</summary>
    public IReadOnlyList<string> Models { get; init; } = ModelRegistry.MemberNames;

    /// <summary>Folds of the out-of-fold predictions the meta-learner learns from (below 2: averaging only).</summary>
    public int Folds { get; init; } = 3;

    public int? Epochs { get; init; }

    /// <summary>Epochs without a better validation loss before a member stops early.</summary>
    public int Patience { get; init; } = 3;
    public string? Device { get; init; }

    /// <summary>How much a labeller's decision outweighs a rule label in the loss.</summary>
    public float HumanWeight { get; init; } = 5f;

    /// <summary>Per-epoch checkpoints, so a crashed training resumes; null: none.</summary>
    public string? CheckpointFolder { get; init; }
    public int Seed { get; init; } = 42;

    /// <summary>Share of rows whose rule firings each member trains without (see <see cref="Learning.TrainingOptions.RuleDropout"/>).</summary>
    public double RuleDropout { get; init; } = 0.5;
}
