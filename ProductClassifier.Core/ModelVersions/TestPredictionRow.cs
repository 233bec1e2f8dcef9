namespace ProductClassifier.Core.ModelVersions;

/// <summary>A <see cref="TestPrediction"/> before it is stored: the category by its path, as the corpus names it.</summary>
public sealed record TestPredictionRow(long ProductId, string CategoryPath, float Probability, bool Predicted, bool? GroundTruth, bool RuleLabel);
