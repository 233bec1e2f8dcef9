namespace ProductClassifier.Core.Rules;

/// <summary>How one rule does against the ground truth.</summary>
/// <param name="Fired">Evaluated products the rule fired for.</param>
/// <param name="Correct">Of those, products whose ground truth includes the rule's category.</param>
/// <param name="Reference">Evaluated products whose ground truth includes the rule's category.</param>
public sealed record RuleAuditRow(string Code, string CategoryPath, int Fired, int Correct, int Reference)
{
    /// <summary>Evaluated products it fired for that do not belong to its category.</summary>
    public int Wrong => Fired - Correct;

    /// <summary>Evaluated products of its category it did not fire for.</summary>
    public int Missed => Reference - Correct;

    /// <summary>Correct / fired; null when the rule never fired.</summary>
    public double? Precision => Fired == 0 ? null : (double)Correct / Fired;

    /// <summary>Correct / reference; null when no product belongs to the category.</summary>
    public double? Recall => Reference == 0 ? null : (double)Correct / Reference;
}
