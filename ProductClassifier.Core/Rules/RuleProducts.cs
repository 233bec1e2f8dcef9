namespace ProductClassifier.Core.Rules;

/// <summary>The products behind a rule's precision and recall, by id.</summary>
/// <param name="FiredWrongly">Products it fired for that do not belong to its category.</param>
/// <param name="Missed">Products of its category it did not fire for.</param>
public sealed record RuleProducts(AuditedRule Rule, IReadOnlyList<long> FiredWrongly, IReadOnlyList<long> Missed);
