using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Training.Rounds;

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

    /// <summary>Unlabelled products the strategies pick from: this many development products, chosen by a stable hash (<see cref="RoundPool"/>).</summary>
    public int Pool { get; init; } = RoundPool.DefaultSize;

    public IReadOnlyList<string> Models { get; init; } = DefaultModels;

    /// <summary>Epochs of the pre-training on rule labels (early stopping may end it sooner): rule labels are learnt in a few.</summary>
    public int PretrainEpochs { get; init; } = 4;

    /// <summary>
    /// Share of rows whose rule firings each member pre-trains without (see <see cref="Learning.TrainingOptions.RuleDropout"/>),
    /// as <c>./pc train</c> does, so the pre-trained members do not lean on the rules alone and their doubts point at
    /// products the rules get wrong (BENCHMARKS.md has the runs behind the default).
    /// </summary>
    public double PretrainRuleDropout { get; init; } = 0.5;

    /// <summary>Folder where the pre-trained ensemble is kept per data set and settings, so reruns skip the pre-training; null: none.</summary>
    public string? CacheFolder { get; init; }
    public string? Device { get; init; }

    /// <summary>Fine-tune the pre-trained ensemble afresh each round (on every label so far) instead of the last round's.</summary>
    public bool FromPretrained { get; init; }

    /// <summary>Importance weights clipped to [1/cap, cap] (<see cref="ImportanceWeights.FromInclusion"/>); null: unclipped (unbiased).</summary>
    public double? ImportanceCap { get; init; }

    /// <summary>How each round fine-tunes, as the app's labelling rounds do.</summary>
    public RoundTuning Tuning { get; init; } = RoundTuning.Default;

    public AcquisitionOptions Acquisition { get; init; } = new();
}
