using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// The rows of one feature set and label matrix to train on, and optionally the rows to validate on. Rows are indices
/// into both, so folds and splits share one copy of the features.
/// </summary>
public sealed record TrainingData(FeatureSet Features, LabelMatrix Labels, IReadOnlyList<int> TrainRows,
    IReadOnlyList<int>? ValidationRows = null)
{
    public static TrainingData All(FeatureSet features, LabelMatrix labels) =>
        new(features, labels, Enumerable.Range(0, labels.Count).ToArray());

    internal void EnsureConsistent()
    {
        if (Features.Count != Labels.Count)
            throw new ArgumentException($"The feature set has {Features.Count} rows, the label matrix {Labels.Count}.");
        if (TrainRows.Count == 0) throw new ArgumentException("Nothing to train on: no training rows.");
    }
}
