namespace ProductClassifier.Core.Rules;

/// <summary>How far <see cref="RuleApplier"/> is: <see cref="Stage"/> is "matching" (products) or "writing" (labels).</summary>
public sealed record RuleApplyProgress(string Stage, long Done, long Total);
