namespace ProductClassifier.Training.Learning;

/// <summary>How one training runs. Null optimisation settings take the model spec's defaults.</summary>
public sealed record TrainingOptions
{
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double? LearningRate { get; init; }

    /// <summary>Fine-tuning only, where <see cref="LearningRate"/> is null: the model's own learning rate times this; null: <see cref="FineTuningLearningRateFactor"/>.</summary>
    public double? LearningRateFactor { get; init; }
    public double? WeightDecay { get; init; }

    /// <summary>Epochs without a better validation loss before training stops (the best epoch's weights are kept).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Share of the training rows held out for early stopping when the data names no validation rows; 0 = none.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>"cpu", "cuda", "cuda:1"; null: CUDA when available, else CPU.</summary>
    public string? Device { get; init; }

    /// <summary>Folder for the per-epoch checkpoint (weights, optimiser state, epoch); null: no checkpoints.</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointFolder"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>Label of this training in metrics; defaults to the model's name.</summary>
    public string? Run { get; init; }

    public float MaxPositiveWeight { get; init; } = 50;

    /// <summary>
    /// Share of training rows, drawn afresh each batch, whose rule firings the model does not see: it must then predict
    /// those rows from their content alone, so it cannot learn only to copy the rules it is trained on. Prediction
    /// always sees the firings.
    /// </summary>
    public double RuleDropout { get; init; }

    /// <summary>Defaults for fine-tuning a trained model on new labels: a few epochs at a lower learning rate.</summary>
    public static TrainingOptions FineTuning { get; } = new() { Epochs = 5 };

    /// <summary>Fine-tuning's default learning rate as a share of the model's own.</summary>
    public const double FineTuningLearningRateFactor = 0.3;
}
