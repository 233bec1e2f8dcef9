namespace ProductClassifier.Core.ModelVersions;

/// <summary>What registering a new model version records besides its files.</summary>
/// <param name="Folder">The version's folder, relative to the model store root (<see cref="ModelStore.NextFolderAsync"/>).</param>
/// <param name="Members">The members and ensembles it holds, comma-separated.</param>
/// <param name="Metrics">Its evaluation as JSON (the shape <c>./pc evaluate --json</c> writes).</param>
/// <param name="Device">cpu or cuda: where it was trained.</param>
public sealed record VersionRegistration(int Number, string Folder, string Members, string Metrics, string Device)
{
    /// <inheritdoc cref="ModelVersion.HumanLabels"/>
    public int? HumanLabels { get; init; }

    /// <inheritdoc cref="ModelVersion.RuleLabels"/>
    public int? RuleLabels { get; init; }

    /// <summary>The served ensemble on the test products (<see cref="TestPredictions.Collect"/>).</summary>
    public IReadOnlyList<TestPredictionRow> TestPredictions { get; init; } = [];

    /// <summary>The job registering it, when a worker does: registered only while the job is still that worker's.</summary>
    public Jobs.JobOwnership? Owner { get; init; }
}
