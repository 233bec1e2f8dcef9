namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A trained ensemble of a catalogue: its files (weights, config, fitted transform, metrics) live in
/// <see cref="Folder"/> under the model store; at most one version per catalogue is active.
/// </summary>
public sealed class ModelVersion
{
    public int Id { get; set; }
    public int CatalogueId { get; set; }

    /// <summary>1, 2, 3… per catalogue.</summary>
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Folder of the version's files, relative to the model store root.</summary>
    public required string Folder { get; set; }

    /// <summary>The members and ensembles it holds, comma-separated (e.g. "linear,fasttext,…,average,meta").</summary>
    public required string Members { get; set; }

    /// <summary>Development products with a human label when it was trained or fine-tuned; null for versions from before this was kept.</summary>
    public int? HumanLabels { get; set; }

    /// <summary>
    /// Development products the rules labelled (and no human did) when it was trained; a fine-tuned version keeps its
    /// starting version's count. Null for versions from before this was kept.
    /// </summary>
    public int? RuleLabels { get; set; }

    /// <summary>cpu or cuda: where it was trained.</summary>
    public string Device { get; set; } = "cpu";
    public bool IsActive { get; set; }
    public DateTime? ActivatedAt { get; set; }
}
