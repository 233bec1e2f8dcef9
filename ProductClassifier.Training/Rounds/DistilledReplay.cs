using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Rounds;

/// <summary>Per-member training data of a labelling round whose replayed rows teach the member's own predictions (<see cref="ReplayDistillation"/>).</summary>
internal static class DistilledReplay
{
    /// <summary>
    /// For each member before its fine-tuning: <paramref name="data"/> with the <paramref name="replay"/> rows' targets
    /// replaced by that member's probabilities. Each member keeps its own view of the catalogue: one teacher for all (the
    /// ensemble mean) cost fashion-44k 2.9 macro-F1 points after 300 labels against each member's own.
    /// </summary>
    public static Func<TrainedModel, TrainingData> For(TrainingData data, IReadOnlyList<int> replay) => member =>
    {
        var labels = ReplayDistillation.Copy(data.Labels);
        ReplayDistillation.Apply(labels, replay, member.Predict(data.Features, replay), member.PositiveWeights);
        return data with { Labels = labels };
    };
}
