using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// Trains a classifier for a corpus: fits the transform on the development products, trains the members and the
/// stacked meta-learner on the training rows (rule labels, with labellers' decisions outweighing them), tunes
/// thresholds and picks the served ensemble on the validation slice, and evaluates everything on the test rows.
/// </summary>
public sealed class ClassifierTrainer(IMetricsSink sink, IPretrainedFeatures? pretrained = null)
{
    public async Task<(TrainedClassifier Classifier, EvaluationReport Report)> TrainAsync(Corpus corpus, TrainRequest request,
        CancellationToken ct)
    {
        var split = CorpusSplit.Of(corpus);
        var requested = request.Models.Select(ModelRegistry.Spec).ToList();
        var needsPretrained = requested.Any(s => s.AllBlocks.Any(b => b is FeatureSet.Image or FeatureSet.Sentence));
        var (transform, features) = await FeaturesAsync(corpus, request.Config, split, needsPretrained, ct);
        var labels = CorpusLabels.ForTraining(corpus, Enumerable.Range(0, corpus.Products.Count).ToArray(), request.HumanWeight);
        var specs = requested.Where(s => FeatureShapes.MissingBlock(s, features) is null).ToList();
        if (specs.Count == 0) throw new Core.UserFacingException("None of the requested models has its inputs in this catalogue's features.");

        var members = new TrainingOptions
        {
            Device = request.Device,
            Epochs = request.Epochs,
            Seed = request.Seed,
            Patience = request.Patience,
            RuleDropout = request.RuleDropout,
            CheckpointFolder = request.CheckpointFolder,
            Resume = request.CheckpointFolder is not null
        };
        var ensemble = await Task.Run(() => new StackingTrainer(sink).Train(specs, features, labels, new StackingOptions
        {
            Folds = request.Folds,
            Rows = split.Train,
            Members = members,
            Meta = members with
            {
                Patience = 5,
                Epochs = null,
                CheckpointFolder = request.CheckpointFolder is null ? null : Path.Combine(request.CheckpointFolder, "meta")
            },
        }, ct), ct);

        var classifier = Calibrate(transform, ensemble, features, corpus, split.Validation, request.HumanWeight);
        var report = new ModelEvaluator(corpus).Evaluate(classifier.PredictAll(features, split.Test), split.Test, classifier.Thresholds);
        return (classifier, report);
    }

    /// <summary>Per-model thresholds tuned on the validation slice, and the served ensemble: the better of average and meta there.</summary>
    private static TrainedClassifier Calibrate(FittedTransform transform, EnsembleModel ensemble, FeatureSet features, Corpus corpus,
        int[] validation, float humanWeight)
    {
        var predictions = ModelEvaluator.Named(ensemble.Predict(features, validation), ModelEvaluator.Average);
        predictions.Remove(ModelEvaluator.Served);
        var truth = CorpusLabels.ForTraining(corpus, validation, humanWeight);
        var categories = new ModelEvaluator(corpus).Categories;
        var thresholds = predictions.ToDictionary(p => p.Key,
            p => ThresholdTuner.Tune(p.Value, truth.Targets, truth.Mask, corpus.CategoryCount));
        var served = predictions.ContainsKey(ModelEvaluator.Meta) && Score(ModelEvaluator.Meta) > Score(ModelEvaluator.Average)
            ? ModelEvaluator.Meta : ModelEvaluator.Average;
        thresholds[ModelEvaluator.Served] = thresholds[served];
        return new TrainedClassifier(transform, ensemble, corpus.Categories, thresholds, served);

        double Score(string name) => MultiLabelMetrics.Evaluate(predictions[name], truth, categories, thresholds[name]).MacroF1;
    }

    /// <summary>The transform fitted on the development products, applied to every product, plus pretrained blocks.</summary>
    public async Task<(FittedTransform Transform, FeatureSet Set)> FeaturesAsync(Corpus corpus, PreprocessingConfig config,
        CorpusSplit split, bool withPretrained, CancellationToken ct)
    {
        var development = split.Development.Select(i => corpus.Products[i]).ToList();
        var transform = FittedTransform.Fit(config, development, corpus.RuleCategories.Count);
        var set = transform.Transform(corpus.Products);
        if (withPretrained && pretrained is not null) await pretrained.AddAsync(set, corpus.Products, ct);
        return (transform, set);
    }
}
