namespace ProductClassifier.Web.ModelVersions;

/// <summary>What changed from version A to B: categories better or worse by more than a point of F1, and the averages.</summary>
public sealed record ComparisonSummary(int Better, int Worse, int Same, double MacroF1A, double MacroF1B, double MicroF1A, double MicroF1B);
