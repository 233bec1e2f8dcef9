namespace ProductClassifier.Core.Evaluation;

/// <summary>Macro- and micro-F1 over the categories of one tree level.</summary>
public sealed record LevelMetrics(int Level, double MacroF1, double MicroF1);
