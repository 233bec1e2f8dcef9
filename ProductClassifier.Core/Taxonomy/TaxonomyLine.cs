namespace ProductClassifier.Core.Taxonomy;

/// <summary>A content line of a taxonomy file (blank lines and # comments already skipped), 1-based.</summary>
internal sealed record TaxonomyLine(int Number, string Text);
