namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A version's whole evaluation as JSON (the shape <c>./pc evaluate --json</c> writes: every model on both test sets,
/// every category), kept apart from <see cref="ModelVersion"/> because on a large taxonomy it runs to megabytes that a
/// version's row should not carry to every reader. Read whole only for export; the pages read <see cref="CategoryScore"/>
/// and <see cref="LevelScore"/>.
/// </summary>
public sealed class ModelEvaluation
{
    public int ModelVersionId { get; set; }
    public string Metrics { get; set; } = "{}";
}
