namespace ProductClassifier.Core.Catalog;

/// <summary>
/// One shop or data set: its own taxonomy, rules, products, labels and models live under it.
/// </summary>
public sealed class Catalogue
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Last import or creation; the CLI's default catalogue is the most recently touched one.</summary>
    public DateTime TouchedAt { get; set; } = DateTime.UtcNow;

    /// <summary>
    /// The highest model version number handed out for the catalogue. It only grows, so trainings running at once
    /// never share a version number or folder (see <see cref="ModelVersions.ModelStore.NextFolderAsync"/>).
    /// </summary>
    public int LastModelVersion { get; set; }
}
