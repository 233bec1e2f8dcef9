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

    /// <summary>Epochs of the pre-training on rule labels (early stopping may end it sooner): rule labels are learnt in a few.</summary>
    public int PretrainEpochs { get; init; } = 4;

    /// <summary>
    /// Share of rows whose rule firings each member pre-trains without (see <see cref="Learning.TrainingOptions.RuleDropout"/>),
    /// as <c>./pc train</c> does: on fashion-44k (2 seeds) uncertainty-disagreement then reached random's final
    /// macro-F1 after 0.28 of its labels instead of 0.37.
    /// </summary>
    public double PretrainRuleDropout { get; init; } = 0.5;

    /// <summary>Folder where the pre-trained ensemble is kept per data set and settings, so reruns skip the pre-training; null: none.</summary>
    public string? CacheFolder { get; init; }
    public string? Device { get; init; }

    /// <summary>Loss weight of a human label relative to a rule label.</summary>
    public float HumanWeight { get; init; } = 100f;

    /// <summary>Rule-labelled development rows replayed beside the human labels in each fine-tuning, so the models keep what the rules taught.</summary>
    public int Replay { get; init; } = 2_000;

    /// <summary>Rule positives of each category the replay keeps before filling uniformly (<see cref="ReplaySelection"/>); 0: uniform.</summary>
    public int ReplayPerCategory { get; init; } = 5;

    public int FineTuneEpochs { get; init; } = 6;
    public int FineTuneBatchSize { get; init; } = 256;

    /// <summary>Fine-tuning learning rate as a share of each model's own.</summary>
    public double FineTuneLearningRateFactor { get; init; } = 1.5;

    /// <summary>Fine-tune the pre-trained ensemble afresh each round (on every label so far) instead of the last round's.</summary>
    public bool FromPretrained { get; init; }

    /// <summary>Importance weights clipped to [1/cap, cap] (<see cref="ImportanceWeights.FromInclusion"/>); null: unclipped (unbiased).</summary>
    public double? ImportanceCap { get; init; }

    /// <summary>
    /// Weigh the replayed rule labels by how far the human labels so far bore each category's rules out
    /// (<see cref="Core.ActiveLearning.RuleTrust"/>), as labelling rounds do.
    /// </summary>
    public bool RuleTrust { get; init; } = true;

    public AcquisitionOptions Acquisition { get; init; } = new();
}
