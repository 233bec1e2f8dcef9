using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// How a labelling round fine-tunes the ensemble, shared by the app's labelling rounds and <c>./pc simulate</c>, so that
/// what the app does is what the simulation measured (BENCHMARKS.md, issue 4). Each round fine-tunes every member of the
/// last round's ensemble on all human labels so far and a replay of rule-labelled products.
/// </summary>
public sealed record RoundTuning
{
    public static RoundTuning Default { get; } = new();

    /// <summary>Loss weight of a human label relative to a rule label (times the label's importance weight).</summary>
    public float HumanWeight { get; init; } = 100f;

    /// <summary>Rule-labelled development products replayed beside the human labels, so the models keep what the rules taught.</summary>
    public int Replay { get; init; } = 2_000;

    /// <summary>Rule positives of each category the replay keeps before filling uniformly (<see cref="Core.ActiveLearning.ReplaySelection"/>); 0: uniform.</summary>
    public int ReplayPerCategory { get; init; } = 5;

    /// <summary>
    /// Replayed products teach each member its own predictions from before the round (<see cref="Core.ActiveLearning.ReplayDistillation"/>)
    /// instead of the rule labels.
    /// </summary>
    public bool DistilReplay { get; init; } = true;

    /// <summary>
    /// Where <see cref="DistilReplay"/> is off: weigh the replayed rule labels by how far the human labels so far bore
    /// each category's rules out (<see cref="Core.ActiveLearning.RuleTrust"/>).
    /// </summary>
    public bool RuleTrust { get; init; } = true;

    public int Epochs { get; init; } = 6;
    public int BatchSize { get; init; } = 256;

    /// <summary>Each member's learning rate as a share of its own.</summary>
    public double LearningRateFactor { get; init; } = 1.5;

    /// <summary>
    /// One round's fine-tuning of every member of <paramref name="ensemble"/> (left as it was): the human-labelled
    /// <paramref name="human"/> products beside <see cref="Replay"/> rule-labelled ones drawn from
    /// <paramref name="replayFrom"/>. Every row trains, with no early-stopping hold-out: a random tenth held out would be
    /// a tenth of the human labels, the rows the round exists to learn from.
    /// </summary>
    /// <param name="importance">Importance weight of each human-labelled product (absent: 1).</param>
    internal EnsembleModel FineTune(EnsembleModel ensemble, Corpus corpus, FeatureSet features, IReadOnlyList<int> human,
        IReadOnlyDictionary<int, float> importance, IEnumerable<int> replayFrom, Random random, string? device, int seed,
        IMetricsSink sink, CancellationToken ct)
    {
        var replay = ReplaySelection.Pick(corpus, replayFrom, Replay, ReplayPerCategory, random);
        // Distillation overwrites every replayed rule label, so trust would weigh labels that no longer train.
        var labels = CorpusLabels.ForTraining(corpus, Enumerable.Range(0, corpus.Products.Count).ToArray(), HumanWeight, importance,
            trustRules: RuleTrust && !DistilReplay);
        // Rows in corpus order, however the caller collected them: the same rows train the same way.
        var data = new TrainingData(features, labels, [.. human.Order(), .. replay], ValidationRows: []);
        var options = new TrainingOptions
        {
            Device = device,
            Seed = seed,
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRateFactor = LearningRateFactor,
        };
        return new StackingTrainer(sink).FineTune(ensemble, data, options, ct, DistilReplay ? DistilledReplay.For(data, replay) : null);
    }
}
