namespace ProductClassifier.Core.ActiveLearning;

/// <summary>One row of a simulation's curves.csv: the test-set quality after a round.</summary>
public sealed record CurvePoint(string Strategy, int Seed, int Round, int Labels, double MacroF1, double MicroF1);
