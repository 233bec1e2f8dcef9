namespace ProductClassifier.Core.ActiveLearning;

/// <param name="Aggregation">How per-category scores are combined per product.</param>
/// <param name="TopK">Categories summed by <see cref="ScoreAggregation.TopKSum"/>.</param>
/// <param name="UncertaintyWeight">Share of uncertainty in uncertainty-disagreement (the rest is disagreement).</param>
/// <param name="Floor">Every product's score is at least this fraction of the pool's mean score, so all keep a chance.</param>
/// <param name="Sample">Sample proportionally to the score (importance-weighted) rather than take the top scores.</param>
/// <param name="BalanceCategories">Scale each category's values so its pool mean equals the mean over all categories
/// before aggregating, so rare categories get asked about as often as frequent ones.</param>
/// <param name="MinDistance">Cosine distance under which a candidate counts as a near-duplicate of one already picked.
/// Wide enough that a batch does not spend several labels on look-alikes of the same doubt, narrow enough that products
/// which only share a photographer's style stay eligible; BENCHMARKS.md keeps the runs behind the default.</param>
public sealed record AcquisitionOptions(
    ScoreAggregation Aggregation = ScoreAggregation.TopKSum,
    int TopK = 5,
    double UncertaintyWeight = 0.5,
    double Floor = 0.05,
    bool Sample = true,
    bool BalanceCategories = true,
    double MinDistance = 0.1);
