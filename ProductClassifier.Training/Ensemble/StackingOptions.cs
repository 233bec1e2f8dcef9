using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Ensemble;

/// <summary>How <see cref="StackingTrainer"/> trains an ensemble.</summary>
public sealed record StackingOptions
{
    /// <summary>Folds of the out-of-fold predictions the meta-learner learns from; below 2, no meta-learner (averaging only).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The rows to train on (the development set); null: every row.</summary>
    public IReadOnlyList<int>? Rows { get; init; }

    /// <summary>Options of every member training. Its checkpoint folder, when set, gets one subfolder per training.</summary>
    public TrainingOptions Members { get; init; } = new();

    /// <summary>Options of the meta-learner's training.</summary>
    public TrainingOptions Meta { get; init; } = new() { Patience = 5 };
}
