using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Ensemble;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// Scores every member, both ensembles, the served one and the rules themselves on the test products: against what
/// the rules said (rule test set) and against the truth (reference labels, else labellers' decisions).
/// </summary>
public sealed class ModelEvaluator(Corpus corpus)
{
    public const string Rules = StoredEvaluation.Rules;
    public const string Average = "average";
    public const string Meta = "meta";
    public const string Served = StoredEvaluation.Served;

    private readonly TreeConsistency _tree = new(corpus.Categories.Select(c => c.Parent).ToArray());

    /// <summary>Macro-F1 averages categories with at least 20 true labels in the catalogue (rule labels when none has any).</summary>
    public EvaluationCategories Categories { get; } = EvaluationCategoriesOf(corpus);

    public EvaluationReport Evaluate(IReadOnlyDictionary<string, float[]> predictions, IReadOnlyList<int> testRows,
        IReadOnlyDictionary<string, float[]> thresholds)
    {
        var sets = new Dictionary<string, LabelMatrix>
        {
            [EvaluationReport.RuleTest] = CorpusLabels.RuleTruth(corpus, testRows),
            [EvaluationReport.GroundTruth] = CorpusLabels.GroundTruth(corpus, testRows),
        };
        var rules = CorpusLabels.RuleProbabilities(corpus, testRows);
        var models = predictions.Select(p => new ModelEvaluation(p.Key,
                sets.ToDictionary(s => s.Key, s => MultiLabelMetrics.Evaluate(p.Value, s.Value, Categories, thresholds.GetValueOrDefault(p.Key), _tree))))
            .Append(new ModelEvaluation(Rules, sets.ToDictionary(s => s.Key, s => MultiLabelMetrics.Evaluate(rules, s.Value, Categories))))
            .ToList();
        return new EvaluationReport(models)
        {
            TestPredictions = predictions.TryGetValue(Served, out var served)
                ? Core.ModelVersions.TestPredictions.Collect(corpus, testRows, served, thresholds.GetValueOrDefault(Served)) : [],
        };
    }

    /// <summary>Every model's probabilities by the names the report uses, the served ensemble included.</summary>
    public static Dictionary<string, float[]> Named(EnsemblePrediction prediction, string served)
    {
        var named = new Dictionary<string, float[]>(prediction.Members) { [Average] = prediction.Average };
        if (prediction.Meta is not null) named[Meta] = prediction.Meta;
        named[Served] = named[served];
        return named;
    }

    private static EvaluationCategories EvaluationCategoriesOf(Corpus corpus)
    {
        var counts = CorpusLabels.TruthCounts(corpus);
        if (counts.All(c => c == 0))
            for (var p = 0; p < corpus.Products.Count; p++)
                foreach (var c in corpus.RuleLabels(p)) counts[c]++;
        return EvaluationCategories.FromTree(corpus.Categories.Select(c => c.Path).ToList(),
            corpus.Categories.Select(c => c.Parent).ToArray(), counts);
    }
}
