namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A model version's served ensemble on one test product and category where it predicted the category or the product
/// belongs to it (by the ground truth or by the rules), stored when the version is evaluated: what lists a category's
/// worst false positives and false negatives for any version, active or not. True negatives are not stored.
/// </summary>
public sealed class TestPrediction
{
    public int ModelVersionId { get; set; }
    public int CategoryId { get; set; }
    public long ProductId { get; set; }
    public float Probability { get; set; }

    /// <summary>Predicted as the evaluation counted it: at or above the category's threshold, or a predicted descendant's ancestor.</summary>
    public bool Predicted { get; set; }

    /// <summary>Whether the product belongs to the category by its ground truth (reference labels, else labellers' decision); null when it has none.</summary>
    public bool? GroundTruth { get; set; }

    /// <summary>Whether the rules label the product with the category.</summary>
    public bool RuleLabel { get; set; }
}
