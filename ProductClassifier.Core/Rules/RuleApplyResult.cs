namespace ProductClassifier.Core.Rules;

/// <summary>What applying a catalogue's rules did.</summary>
/// <param name="Rules">Rules applied.</param>
/// <param name="Products">Products looked at (those not gone).</param>
/// <param name="ProductsLabelled">Products at least one rule fired for.</param>
/// <param name="Labels">Rule labels written: one per fired rule and category (the rule's and each ancestor).</param>
public sealed record RuleApplyResult(int Rules, int Products, int ProductsLabelled, int Labels);
