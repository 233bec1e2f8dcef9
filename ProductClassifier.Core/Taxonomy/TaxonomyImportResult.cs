namespace ProductClassifier.Core.Taxonomy;

/// <summary>What a taxonomy import did.</summary>
/// <param name="Added">Categories that were new to the catalogue.</param>
/// <param name="Total">Categories the catalogue has now.</param>
/// <param name="IdsByPath">Every category of the catalogue (not only the imported ones), by path.</param>
public sealed record TaxonomyImportResult(int Added, int Total, IReadOnlyDictionary<string, int> IdsByPath);
