namespace ProductClassifier.Core.Rules;

/// <summary>A keyword rule as a rules file states it: any term found in the field labels the category.</summary>
/// <param name="Code">The rule's id in its file ("r17").</param>
/// <param name="CategoryPath">The category's full path, in normal form ("A &gt; B &gt; C").</param>
/// <param name="Field">Where the terms are looked for.</param>
/// <param name="Terms">Words or phrases, matched whole and case-insensitively.</param>
public sealed record RuleDefinition(string Code, string CategoryPath, RuleField Field, IReadOnlyList<string> Terms);
