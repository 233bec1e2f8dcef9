namespace ProductClassifier.Web.Metrics;

/// <summary>Macro- and micro-F1 over the categories of one tree level (null: all levels) on both test sets.</summary>
public sealed record LevelSummary(int? Level, int Categories, double? GroundTruthMacroF1, double? GroundTruthMicroF1,
    double? RuleTestMacroF1, double? RuleTestMicroF1);
