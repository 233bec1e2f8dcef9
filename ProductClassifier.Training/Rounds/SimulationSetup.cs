using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// What every strategy and seed of a simulation shares: the features, the split, the pool, the ensemble pre-trained on
/// rule labels (round 0), the ground truth of the test rows and the rules' own macro-F1 on it.
/// </summary>
public sealed class SimulationSetup(Corpus corpus, FeatureSet features, CorpusSplit split, int[] pool, EnsembleModel pretrained,
    double rulesMacroF1, TimeSpan preparation, string? cachedIn) : IDisposable
{
    public Corpus Corpus { get; } = corpus;
    public FeatureSet Features { get; } = features;
    public CorpusSplit Split { get; } = split;

    /// <summary>Corpus rows the strategies may ask about (<see cref="RoundPool"/>).</summary>
    public int[] Pool { get; } = pool;

    public EnsembleModel Pretrained { get; } = pretrained;

    public double RulesMacroF1 { get; } = rulesMacroF1;
    public TimeSpan Preparation { get; } = preparation;

    /// <summary>Where the pre-trained ensemble was loaded from, when an earlier run had cached it; null when trained now.</summary>
    public string? CachedIn { get; } = cachedIn;

    public LabelMatrix TestTruth { get; } = CorpusLabels.GroundTruth(corpus, split.Test);
    public EvaluationCategories Categories { get; } = new ModelEvaluator(corpus).Categories;
    public TreeConsistency Tree { get; } = new(corpus.Categories.Select(c => c.Parent).ToArray());

    /// <summary>The averaged ensemble's macro- and micro-F1 on the test rows' ground truth.</summary>
    public (double MacroF1, double MicroF1) Evaluate(EnsembleModel ensemble)
    {
        var probabilities = ensemble.Predict(Features, Split.Test).Average;
        var result = MultiLabelMetrics.Evaluate(probabilities, TestTruth, Categories, tree: Tree);
        return (result.MacroF1, result.MicroF1);
    }

    public void Dispose() => Pretrained.Dispose();
}
