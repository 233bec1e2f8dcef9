namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// A version's served ensemble on one category of one test set (<see cref="StoredEvaluation.GroundTruth"/> or
/// <see cref="StoredEvaluation.RuleTest"/>), taken from its evaluation when it is stored: the rows the metrics page
/// and the comparison of versions read.
/// </summary>
public sealed class CategoryScore
{
    public int ModelVersionId { get; set; }
    public required string Set { get; set; }
    public int CategoryId { get; set; }

    /// <summary>True products of the category in the set.</summary>
    public int Support { get; set; }
    public double Precision { get; set; }
    public double Recall { get; set; }
    public double F1 { get; set; }
    public double AveragePrecision { get; set; }
}
