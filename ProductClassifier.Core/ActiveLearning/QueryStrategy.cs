namespace ProductClassifier.Core.ActiveLearning;

/// <summary>How the next labelling batch is chosen from the unlabelled pool.</summary>
public enum QueryStrategy
{
    Random,
    Uncertainty,
    Disagreement,
    UncertaintyDisagreement,
}

/// <summary>How per-category scores become one score per product.</summary>
public enum ScoreAggregation
{
    Max,
    Mean,
    TopKSum,
}

public static class QueryStrategyNames
{
    public static string ToName(this QueryStrategy strategy) => strategy switch
    {
        QueryStrategy.Random => "random",
        QueryStrategy.Uncertainty => "uncertainty",
        QueryStrategy.Disagreement => "disagreement",
        _ => "uncertainty-disagreement",
    };

    public static QueryStrategy Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "random" => QueryStrategy.Random,
        "uncertainty" => QueryStrategy.Uncertainty,
        "disagreement" => QueryStrategy.Disagreement,
        "uncertainty-disagreement" => QueryStrategy.UncertaintyDisagreement,
        _ => throw new UserFacingException(
            $"Unknown strategy '{name}': use random, uncertainty, disagreement or uncertainty-disagreement."),
    };
}
