namespace ProductClassifier.Core.Jobs;

/// <summary>One model of a version (a member, an ensemble or the rules) and its ground-truth macro-F1.</summary>
public sealed record MemberScore(string Model, double GroundTruthMacroF1);
