using System.Text.Json;
using System.Text.Json.Serialization;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Training.Pipeline;

/// <summary>One model's results on the rule-labelled test set and on the ground-truth set.</summary>
public sealed record ModelEvaluation(string Model, IReadOnlyDictionary<string, EvaluationResult> Sets);

/// <summary>What `./pc evaluate --json` writes: <c>{"models": [{"model", "sets": {"ruleTest", "groundTruth"}}]}</c>.</summary>
public sealed record EvaluationReport(IReadOnlyList<ModelEvaluation> Models)
{
    public const string RuleTest = StoredEvaluation.RuleTest;
    public const string GroundTruth = StoredEvaluation.GroundTruth;

    /// <summary>The served ensemble on each test product and category it predicts or that is positive (not in the JSON).</summary>
    public IReadOnlyList<TestPredictionRow> TestPredictions { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(new
    {
        models = Models.Select(m => new
        {
            model = m.Model,
            sets = m.Sets.ToDictionary(s => s.Key, s => JsonSerializer.Deserialize<JsonElement>(s.Value.ToJson())),
        }),
    }, Json);
}
