namespace ProductClassifier.Core.Rules;

/// <summary>A rule as the audit shows it: what it matches and the category it labels.</summary>
public sealed record AuditedRule(int Id, string Code, int CategoryId, string CategoryPath, string Field, string[] Terms);
