namespace ProductClassifier.Web.Metrics;

/// <summary>One category of a version's evaluation: the ground-truth set beside the rule-labelled test set.</summary>
public sealed record CategoryMetricsRow(int CategoryId, string Path, int Level, SetScores? GroundTruth, SetScores? RuleTest);
