using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Learning;

public sealed class ModelTrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pc-trainer-").FullName;

    [Fact]
    public void Resuming_from_a_checkpoint_continues_at_the_next_epoch_and_ends_with_the_same_weights()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 120, rules: true);
        var data = TrainingData.All(features, labels);
        var spec = ModelRegistry.Spec("mlp-tfidf"); // dropout: the random stream must resume too
        var options = new TrainingOptions { Epochs = 4, BatchSize = 16, Patience = 10, Seed = 7 };
        using var uninterrupted = new ModelTrainer(NullMetricsSink.Instance).Train(spec, data,
            options with { CheckpointFolder = Path.Combine(folder, "a") }, CancellationToken.None);

        using var crash = new CancellationTokenSource();
        var crashing = new RecordingSink(onStep: s => { if (s.Epoch == 3 && s.Step == 2) crash.Cancel(); });
        var resumable = options with { CheckpointFolder = Path.Combine(folder, "b") };
        Assert.ThrowsAny<OperationCanceledException>(() => new ModelTrainer(crashing).Train(spec, data, resumable, crash.Token));
        var resuming = new RecordingSink();
        using var resumed = new ModelTrainer(resuming).Train(spec, data, resumable with { Resume = true }, CancellationToken.None);

        Assert.Equal([3, 4], resuming.Epochs.Select(e => e.Epoch));
        Assert.Equal(4, resumed.EpochsTrained);
        Assert.Equal(uninterrupted.Predict(features), resumed.Predict(features));
    }

    [Fact]
    public void Cancellation_stops_training_between_batches()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 200);
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink(onStep: s => { if (s.Step == 3) cancel.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => new ModelTrainer(sink).Train(ModelRegistry.Spec("linear"),
            TrainingData.All(features, labels), new TrainingOptions { Epochs = 50, BatchSize = 8 }, cancel.Token));
        Assert.Equal(3, sink.Steps.Count);
        Assert.Empty(sink.Epochs);
    }

    [Fact]
    public void Early_stopping_ends_once_validation_loss_stops_improving()
    {
        // Random labels: anything learned on the training rows is overfitting, so validation loss soon rises.
        var (features, _, _) = ToyProblem.Create(rows: 200);
        var random = new Random(3);
        var labels = ToyProblem.Labels(Enumerable.Range(0, 200).Select(_ => random.Next(3)).ToArray());
        var sink = new RecordingSink();

        using var model = new ModelTrainer(sink).Train(ModelRegistry.Spec("mlp-tfidf"), TrainingData.All(features, labels),
            new TrainingOptions { Epochs = 60, BatchSize = 16, Patience = 2, LearningRate = 1e-2 }, CancellationToken.None);

        var best = sink.Validations.Last(v => v.Improved).Epoch;
        Assert.True(sink.Validations.Count < 60);
        Assert.Equal(best + 2, sink.Validations.Count);
        Assert.All(sink.Steps, s => Assert.True(float.IsFinite(s.Loss)));
    }

    [Fact]
    public void Fine_tuning_scales_each_models_own_learning_rate_by_the_given_factor()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 120);
        var trainer = new ModelTrainer(NullMetricsSink.Instance);
        using var model = trainer.Train(ModelRegistry.Spec("linear"), TrainingData.All(features, labels),
            new TrainingOptions { Epochs = 1, BatchSize = 16, Seed = 5 }, CancellationToken.None);
        var flipped = ToyProblem.Labels(Enumerable.Range(0, 120).Select(i => i % 3).ToArray());
        var data = new TrainingData(features, flipped, Enumerable.Range(0, 120).ToArray(), ValidationRows: []);
        var before = model.Predict(features);

        using var frozen = trainer.FineTune(model, data, new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRateFactor = 0 }, CancellationToken.None);
        using var slow = trainer.FineTune(model, data, new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRateFactor = 0.1 }, CancellationToken.None);
        using var fast = trainer.FineTune(model, data, new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRateFactor = 1.5 }, CancellationToken.None);

        static double Moved(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();
        Assert.Equal(0, Moved(before, frozen.Predict(features)), 6);
        Assert.True(Moved(before, fast.Predict(features)) > 2 * Moved(before, slow.Predict(features)));
    }

    [Fact]
    public void Fine_tuning_follows_weighted_human_labels_and_leaves_the_original_model_unchanged()
    {
        var (features, truth, classes) = ToyProblem.Create(rows: 240, rules: true);
        // The rules call every class-2 product class 0; then humans label 30 class-2 products correctly, and those
        // labels replace the rule labels of those rows with ten times the weight.
        var classTwo = Enumerable.Range(0, classes.Length).Where(r => classes[r] == 2).ToArray();
        var labelled = classTwo[..30].ToHashSet();
        var ruleLabels = ToyProblem.Labels(classes.Select(k => k == 2 ? 0 : k).ToArray());
        var withHuman = ToyProblem.Labels(classes.Select((k, r) => k == 2 && !labelled.Contains(r) ? 0 : k).ToArray());
        var weighted = new LabelMatrix(withHuman.Categories, withHuman.Targets, withHuman.Mask,
            Enumerable.Range(0, classes.Length).Select(r => labelled.Contains(r) ? 10f : 1f).ToArray());
        var trainer = new ModelTrainer(NullMetricsSink.Instance);
        using var original = trainer.Train(ModelRegistry.Spec("linear"), TrainingData.All(features, ruleLabels),
            new TrainingOptions { Epochs = 15, BatchSize = 32, LearningRate = 1e-2, ValidationFraction = 0 }, CancellationToken.None);
        var before = original.Predict(features);

        using var tuned = trainer.FineTune(original, TrainingData.All(features, weighted),
            new TrainingOptions { Epochs = 15, BatchSize = 8, LearningRate = 1e-2, ValidationFraction = 0 }, CancellationToken.None);

        Assert.Equal(before, original.Predict(features));
        var unlabelled = classTwo[30..];
        Assert.True(ToyProblem.Accuracy(original.Predict(features, unlabelled), truth, unlabelled) < 0.5);
        Assert.True(ToyProblem.Accuracy(tuned.Predict(features, unlabelled), truth, unlabelled) > 0.9);
        Assert.Equal(30, tuned.EpochsTrained);
    }

    [Fact]
    public void Same_seed_gives_the_same_model()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 80);
        var options = new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = 11 };
        var trainer = new ModelTrainer(NullMetricsSink.Instance);

        using var first = trainer.Train(ModelRegistry.Spec("textcnn"), TrainingData.All(features, labels), options, CancellationToken.None);
        using var second = trainer.Train(ModelRegistry.Spec("textcnn"), TrainingData.All(features, labels), options, CancellationToken.None);

        Assert.Equal(first.Predict(features), second.Predict(features));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
