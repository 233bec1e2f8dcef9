namespace ProductClassifier.Core.Rules;

/// <summary>How many of a category's false positives one rule's labels made.</summary>
public sealed record RuleErrorShare(string Rule, int FalsePositives);
