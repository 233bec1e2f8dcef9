using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Training.Rounds;

/// <summary>A finished round of one strategy and seed, and the time the simulation has run so far.</summary>
public sealed record SimulationProgress(CurvePoint Point, int Rounds, TimeSpan Elapsed);
