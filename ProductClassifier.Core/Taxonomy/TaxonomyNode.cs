namespace ProductClassifier.Core.Taxonomy;

/// <summary>One category of a parsed or built taxonomy, before it is stored.</summary>
/// <param name="Path">Names from the root joined by <see cref="Category.PathSeparator"/>.</param>
/// <param name="Name">The last name of the path.</param>
/// <param name="ParentPath">The parent's path; null at the top level.</param>
/// <param name="Depth">1 at the top level.</param>
/// <param name="ExternalId">The source's own id (Google's number, Shopify's gid), when it has one.</param>
public sealed record TaxonomyNode(string Path, string Name, string? ParentPath, int Depth, string? ExternalId);
