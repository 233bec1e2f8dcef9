namespace ProductClassifier.Core.Labelling;

/// <summary>A model version's served ensemble against the ground truth of the test products.</summary>
public sealed record VersionFigures(double MacroF1, double MicroF1);
