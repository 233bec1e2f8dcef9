using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// What the worker does for a freshly imported demo catalogue, as a chain of ordinary jobs (each on <c>/jobs</c>):
/// featurize (which queues the similarity index), train the first model on the rule labels, predict every product, open
/// labelling round 1. Nobody needs a shell after <c>./run</c>.
/// </summary>
public static class FirstStartJobs
{
    /// <summary>
    /// The first model's members: one per kind of input (tf-idf, tokens, columns, image and sentence features), the
    /// quick ones. textcnn is left out (on a CPU it costs more than the rest together) and so is the meta-learner (one
    /// fold: k more trainings per member); both come with a later <c>./pc train</c>.
    /// </summary>
    public static IReadOnlyList<string> Members { get; } = ["linear", "fasttext", "wide-deep", "image-mlp", "minilm-mlp"];

    /// <summary>Epochs per member: rule labels are learnt in a few (the simulation pre-trains with 4).</summary>
    public const int Epochs = 4;

    /// <summary>Round 1's batch: one a labeller gets through in a sitting.</summary>
    public static RoundJobParameters Round { get; } = new() { BatchSize = 50 };

    public static IReadOnlyList<JobStep> Steps() =>
    [
        new(JobKinds.Featurize),
        new(JobKinds.Train, JobChain.Parameters(new TrainJobHandler.Parameters { Models = [.. Members], Folds = 1, Epochs = Epochs })),
        new(JobKinds.PredictAll),
        new(JobKinds.OpenRound, JobChain.Parameters(Round)),
    ];
}
