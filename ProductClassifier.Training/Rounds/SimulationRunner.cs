using System.Diagnostics;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// Replays active learning against a labelled data set: the ensemble is pre-trained on rule labels once (round 0,
/// shared by every strategy and seed), then per strategy and seed each round picks a batch from the unlabelled pool,
/// the oracle answers with the reference labels, and the previous round's ensemble is fine-tuned on the human labels
/// (importance-weighted, outweighing rule labels) plus a replay sample of rule-labelled rows, and evaluated on the
/// held-back test rows.
/// </summary>
public sealed class SimulationRunner(SimulationOptions options, IPretrainedFeatures? pretrained = null)
{
    /// <summary>Features, split, pool and the rule-trained ensemble: the part every strategy and seed shares.</summary>
    /// <param name="sink">Reports the pre-training (skipped when an earlier run cached it).</param>
    public async Task<SimulationSetup> PrepareAsync(Corpus corpus, PreprocessingConfig config, IMetricsSink sink, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (corpus.ReferenceLabels.All(r => r is null))
            throw new Core.UserFacingException($"'{corpus.Name}' has no reference labels: the simulation's oracle answers from them.");
        var split = CorpusSplit.Of(corpus, options.TestFraction);
        var needsPretrained = options.Models.Select(ModelRegistry.Spec).Any(s => s.AllBlocks.Any(b => b is FeatureSet.Image or FeatureSet.Sentence));
        var (_, features) = await new ClassifierTrainer(sink, pretrained).FeaturesAsync(corpus, config, split, needsPretrained, ct);
        var specs = options.Models.Select(ModelRegistry.Spec).Where(s => FeatureShapes.MissingBlock(s, features) is null).ToList();
        if (specs.Count == 0) throw new Core.UserFacingException("None of the requested models has its inputs in this data set's features.");

        // The pool: development products with a reference label (the oracle must be able to answer), by stable hash.
        var pool = RoundPool.Candidates(corpus, split.Development, options.Pool, i => corpus.ReferenceLabels[i] is not null);
        var cache = CacheFolderFor(corpus, specs, config);
        var cached = cache is not null && File.Exists(Path.Combine(cache, "ensemble.json"));
        var ensemble = cached
            ? EnsembleModel.Load(cache!, options.Device)
            : await Task.Run(() => Pretrain(corpus, features, specs, split, sink, ct), ct);
        if (cache is not null && !cached) ensemble.Save(cache);

        var rules = MultiLabelMetrics.Evaluate(CorpusLabels.RuleProbabilities(corpus, split.Test), CorpusLabels.GroundTruth(corpus, split.Test),
            new ModelEvaluator(corpus).Categories).MacroF1;
        return new SimulationSetup(corpus, features, split, pool, ensemble, rules, watch.Elapsed, cached ? cache : null);
    }

    private EnsembleModel Pretrain(Corpus corpus, FeatureSet features, IReadOnlyList<ModelSpec> specs, CorpusSplit split, IMetricsSink sink,
        CancellationToken ct)
    {
        var labels = CorpusLabels.ForTraining(corpus, Enumerable.Range(0, corpus.Products.Count).ToArray(), options.Tuning.HumanWeight);
        return new StackingTrainer(sink).Train(specs, features, labels, new StackingOptions
        {
            // Averaging only: the meta-learner would need k more trainings per member and, kept frozen while the
            // members are fine-tuned, keeps trusting what the rules taught it.
            Folds = 1,
            Rows = [.. split.Development],
            Members = new TrainingOptions { Device = options.Device, Epochs = options.PretrainEpochs, RuleDropout = options.PretrainRuleDropout },
        }, ct);
    }

    /// <summary>One folder per data set and everything the pre-training depends on.</summary>
    private string? CacheFolderFor(Corpus corpus, IReadOnlyList<ModelSpec> specs, PreprocessingConfig config)
    {
        if (options.CacheFolder is null) return null;
        var key = string.Join("|", corpus.Name, corpus.Products.Count, corpus.CategoryCount, corpus.RuleCategories.Count,
            string.Join(",", specs.Select(s => s.Name)), options.PretrainEpochs, options.TestFraction, config.Source,
            System.Text.Json.JsonSerializer.Serialize(config));
        // Appended only when set, so ensembles cached before the option existed keep their keys.
        if (options.PretrainRuleDropout > 0) key += $"|rule-dropout {options.PretrainRuleDropout}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(options.CacheFolder, $"{corpus.Name}-{hash}");
    }

    /// <summary>Every strategy × seed × round; round 0 is the pre-trained ensemble with no human labels.</summary>
    public async Task<SimulationResult> RunAsync(SimulationSetup setup, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (macro0, micro0) = setup.Evaluate(setup.Pretrained);
        var curves = new List<CurvePoint>();
        for (var seed = 1; seed <= options.Seeds; seed++)
            foreach (var strategy in options.Strategies)
            {
                var start = new CurvePoint(strategy.ToName(), seed, 0, 0, macro0, micro0);
                curves.Add(start);
                progress?.Report(new SimulationProgress(start, options.Rounds, watch.Elapsed));
                var run = new SimulationRun(setup, options, strategy, seed);
                try
                {
                    for (var round = 1; round <= options.Rounds; round++)
                    {
                        var point = await Task.Run(() => run.Round(round, ct), ct);
                        curves.Add(point);
                        progress?.Report(new SimulationProgress(point, options.Rounds, watch.Elapsed));
                    }
                }
                finally { run.Dispose(); }
            }
        var savings = options.Strategies.Contains(QueryStrategy.Random) ? LabelSavingsCalculator.Compute(curves) : [];
        return new SimulationResult(setup.RulesMacroF1, curves, savings, setup.Preparation, watch.Elapsed);
    }
}
