using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Training.ActiveLearning;

/// <summary>How <see cref="SimulationRunner"/> replays labelling rounds against a data set's reference labels.</summary>
public sealed record SimulationOptions
{
    /// <summary>Members the simulation trains; textcnn is left out by default: on a CPU it costs more than the rest together.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["linear", "mlp-tfidf", "fasttext", "wide-deep", "image-mlp", "minilm-mlp"];

    public IReadOnlyList<QueryStrategy> Strategies { get; init; } = [QueryStrategy.Random, QueryStrategy.UncertaintyDisagreement];
    public int Rounds { get; init; } = 10;
    public int BatchSize { get; init; } = 100;
    public int Seeds { get; init; } = 3;
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Unlabelled products the strategies pick from: this many development products, chosen by a stable hash.</summary>
    public int Pool { get; init; } = 15_000;

    public IReadOnlyList<string> Models { get; init; } = DefaultModels;
    public string? Device { get; init; }

    /// <summary>Loss weight of a human label relative to a rule label.</summary>
    public float HumanWeight { get; init; } = 10f;

    /// <summary>Rule-labelled development rows replayed beside the human labels in each fine-tuning, so the models keep what the rules taught.</summary>
    public int Replay { get; init; } = 3_000;

    public int FineTuneEpochs { get; init; } = 8;
    public int FineTuneBatchSize { get; init; } = 128;

    /// <summary>Fine-tuning learning rate as a share of each model's own.</summary>
    public double FineTuneLearningRateFactor { get; init; } = 0.5;

    public AcquisitionOptions Acquisition { get; init; } = new();
}
