namespace ProductClassifier.Core.Rules;

/// <summary>
/// Rule labels against the ground truth (reference labels, else labellers' decisions), micro-averaged over
/// (product, category) pairs, ancestors included, over the products that have ground truth.
/// </summary>
/// <param name="Products">Products evaluated: not gone, with reference labels or a human label.</param>
/// <param name="Predicted">Distinct (product, category) pairs some rule labelled.</param>
/// <param name="Reference">Distinct (product, category) pairs of the ground truth.</param>
/// <param name="Correct">Pairs in both.</param>
/// <param name="Rules">One row per rule, in import order.</param>
public sealed record RuleAuditReport(int Products, long Predicted, long Reference, long Correct, IReadOnlyList<RuleAuditRow> Rules)
{
    /// <summary>Correct / predicted; 0 when nothing was predicted.</summary>
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    /// <summary>Correct / reference; 0 when there is no reference pair.</summary>
    public double Recall => Reference == 0 ? 0 : (double)Correct / Reference;
}
