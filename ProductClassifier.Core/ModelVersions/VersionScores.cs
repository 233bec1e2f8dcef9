namespace ProductClassifier.Core.ModelVersions;

/// <summary>A version's served ensemble on both test sets; null where its stored evaluation lacks the figure.</summary>
public sealed record VersionScores(double? GroundTruthMacroF1, double? GroundTruthMicroF1, double? RuleTestMacroF1, double? RuleTestMicroF1);
