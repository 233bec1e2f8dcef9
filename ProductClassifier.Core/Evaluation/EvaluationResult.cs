using System.Text.Json;

namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// Scores of one model on one evaluation set. Serialised with <see cref="JsonSerializerDefaults.Web"/> it is
/// <c>{ macroF1, microF1, levels: [{level, macroF1, microF1}], categories: [{category, precision, recall, f1, averagePrecision, support}] }</c>.
/// </summary>
/// <param name="MacroF1">Mean F1 over the categories eligible for averaging that have support in this set.</param>
/// <param name="MicroF1">F1 of the true/false positives and false negatives pooled over all categories.</param>
public sealed record EvaluationResult(double MacroF1, double MicroF1, IReadOnlyList<LevelMetrics> Levels, IReadOnlyList<CategoryMetrics> Categories)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
