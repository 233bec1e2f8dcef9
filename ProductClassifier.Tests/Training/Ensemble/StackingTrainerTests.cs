using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Ensemble;

public sealed class StackingTrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pc-ensemble-").FullName;

    [Fact]
    public void Folds_cover_every_row_once_in_near_equal_sizes()
    {
        var folds = KFold.Assign(103, 5, seed: 4);

        Assert.Equal(103, folds.Length);
        Assert.All(folds.GroupBy(f => f), g => Assert.InRange(g.Count(), 20, 21));
        Assert.Equal(Enumerable.Range(0, 5), folds.Distinct().Order());
    }

    [Fact]
    public void Out_of_fold_predictions_come_from_models_that_never_saw_the_row()
    {
        // Each product has a column of its own and a random label: a model can only memorise it, so a prediction
        // that beats chance on a product means the model was trained on that product.
        const int rows = 90;
        var features = new FeatureSet(rows);
        features.Sparse[FeatureSet.TextTfIdf] = SparseRows.FromRows(rows,
            Enumerable.Range(0, rows).Select(r => (IReadOnlyList<(int, float)>)[(r, 1f)]).ToList());
        var random = new Random(5);
        var labels = ToyProblem.Labels(Enumerable.Range(0, rows).Select(_ => random.Next(3)).ToArray());
        var member = ModelRegistry.Spec("linear");
        var options = new StackingOptions
        {
            Folds = 3,
            Members = new TrainingOptions { Epochs = 30, BatchSize = 16, LearningRate = 0.3, ValidationFraction = 0 },
        };

        var outOfFold = new StackingTrainer(NullMetricsSink.Instance).OutOfFold([member], features, labels, options, CancellationToken.None);
        using var inSample = new ModelTrainer(NullMetricsSink.Instance).Train(member, TrainingData.All(features, labels),
            options.Members, CancellationToken.None);

        for (var fold = 0; fold < 3; fold++)
        {
            var heldOut = outOfFold.Rows.Where((_, i) => outOfFold.Folds[i] == fold).ToHashSet();
            Assert.DoesNotContain(outOfFold.TrainedOn[fold], heldOut.Contains);
            Assert.Equal(rows, heldOut.Count + outOfFold.TrainedOn[fold].Length);
        }
        var outOfFoldProbabilities = outOfFold.Logits[0].Select(x => 1f / (1f + MathF.Exp(-x))).ToArray();
        Assert.True(ToyProblem.Accuracy(inSample.Predict(features), labels) > 0.95);
        Assert.True(ToyProblem.Accuracy(outOfFoldProbabilities, labels, outOfFold.Rows) < 0.8);
    }

    [Fact]
    public void Meta_learner_beats_the_average_when_one_member_is_noise()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 300, imageNoiseSeed: 9);
        var development = Enumerable.Range(0, 240).ToArray();
        var test = Enumerable.Range(240, 60).ToArray();
        var options = new StackingOptions
        {
            Folds = 3,
            Rows = development,
            Members = new TrainingOptions { Epochs = 15, BatchSize = 32 },
        };

        using var ensemble = new StackingTrainer(NullMetricsSink.Instance).Train(
            ModelRegistry.Specs(["linear", "image-mlp"]), features, labels, options, CancellationToken.None);
        var prediction = ensemble.Predict(features, test);

        Assert.NotNull(prediction.Meta);
        Assert.True(ToyProblem.LogLoss(prediction.Meta, labels, test) < ToyProblem.LogLoss(prediction.Average, labels, test));
        Assert.True(ToyProblem.Accuracy(prediction.Meta, labels, test) >= ToyProblem.Accuracy(prediction.Average, labels, test));
    }

    [Fact]
    public void Saved_and_loaded_ensemble_predicts_identically()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 90, rules: true);
        var options = new StackingOptions { Folds = 2, Members = new TrainingOptions { Epochs = 2, BatchSize = 16 } };
        using var ensemble = new StackingTrainer(NullMetricsSink.Instance).Train(
            ModelRegistry.Specs(["fasttext", "wide-deep"]), features, labels, options, CancellationToken.None);

        ensemble.Save(folder);
        using var loaded = EnsembleModel.Load(folder, "cpu");
        var (before, after) = (ensemble.Predict(features), loaded.Predict(features));

        Assert.Equal(before.Meta, after.Meta);
        Assert.Equal(before.Average, after.Average);
        Assert.Equal(before.Members["fasttext"], after.Members["fasttext"]);
        Assert.Equal(["fasttext", "wide-deep"], loaded.Members.Select(m => m.Spec.Name));
    }

    [Fact]
    public void Without_folds_the_ensemble_only_averages()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 60);
        var options = new StackingOptions { Folds = 0, Members = new TrainingOptions { Epochs = 1 } };

        using var ensemble = new StackingTrainer(NullMetricsSink.Instance).Train(
            ModelRegistry.Specs(["linear", "minilm-mlp"]), features, labels, options, CancellationToken.None);
        var prediction = ensemble.Predict(features);

        Assert.Null(prediction.Meta);
        Assert.Equal(prediction.Average, prediction.Ensemble);
        Assert.Equal((prediction.Members["linear"][7] + prediction.Members["minilm-mlp"][7]) / 2, prediction.Average[7], 6);
    }

    [Fact]
    public void Fine_tuning_an_ensemble_tunes_copies_of_its_members()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 90, rules: true);
        var stacking = new StackingTrainer(NullMetricsSink.Instance);
        using var ensemble = stacking.Train(ModelRegistry.Specs(["linear", "minilm-mlp"]), features, labels,
            new StackingOptions { Folds = 2, Members = new TrainingOptions { Epochs = 2, BatchSize = 16 } }, CancellationToken.None);
        var before = ensemble.Predict(features);

        using var tuned = stacking.FineTune(ensemble, TrainingData.All(features, labels),
            new TrainingOptions { Epochs = 1, BatchSize = 16 }, CancellationToken.None);

        var after = ensemble.Predict(features);
        Assert.Equal(before.Meta, after.Meta);
        Assert.Equal(before.Average, after.Average);
        Assert.All(tuned.Members, m => Assert.Equal(3, m.EpochsTrained));
        Assert.NotEqual(before.Average, tuned.Predict(features).Average);
        Assert.NotNull(tuned.Predict(features).Meta);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
