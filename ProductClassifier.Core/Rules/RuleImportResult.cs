namespace ProductClassifier.Core.Rules;

/// <summary>What a rules import did.</summary>
/// <param name="Added">Rules whose id was new to the catalogue.</param>
/// <param name="Updated">Rules already there (same id) whose category, field or terms changed.</param>
/// <param name="Removed">Rules of the catalogue the file no longer has (their rule labels go with them).</param>
/// <param name="CreatedCategories">Paths of categories the taxonomy lacked, created for rules that name them.</param>
public sealed record RuleImportResult(int Added, int Updated, int Removed, IReadOnlyList<string> CreatedCategories);
