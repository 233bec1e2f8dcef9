namespace ProductClassifier.Web.Metrics;

/// <summary>Which test set a category's errors are judged against.</summary>
public enum ErrorSet
{
    /// <summary>Reference labels, else labellers' decisions.</summary>
    GroundTruth,

    /// <summary>What the rules said.</summary>
    RuleTest,
}
