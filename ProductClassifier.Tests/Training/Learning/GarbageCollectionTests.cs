using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Learning;

/// <summary>
/// TorchSharp frees a Scalar's native value when the Scalar is finalised, and passes only that handle to libtorch: a
/// temporary Scalar (AdamW's step, <c>a + b</c>'s implicit alpha) can be freed by a collection on another thread while
/// libtorch still reads it. Collections that never stop, on another thread, make that window hit within a few
/// hundred steps (without the held scalars this failed within 3 to 132 steps in 10 runs of 270); the training must
/// neither fail nor come out different from an undisturbed one. Alone in its collection: the collections would slow
/// every test running beside it.
/// </summary>
[Collection(nameof(GarbageCollectionTests))]
[CollectionDefinition(nameof(GarbageCollectionTests), DisableParallelization = true)]
public sealed class GarbageCollectionTests
{
    [Fact]
    public void Training_under_constant_collections_on_another_thread_matches_an_undisturbed_run()
    {
        // Wide & deep: sparse and dense blocks, the rule-firing path, dropout, validation and the optimiser.
        const string model = "wide-deep";
        var (features, labels, _) = ToyProblem.Create(rows: 400, rules: true);
        var data = TrainingData.All(features, labels);
        var options = new TrainingOptions { Epochs = 6, BatchSize = 8, Patience = 100, Seed = 3 };
        using var undisturbed = Train(model, data, options);

        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        })
        { IsBackground = true };
        collector.Start();
        try
        {
            using var disturbed = Train(model, data, options);
            Assert.Equal(undisturbed.Predict(features), disturbed.Predict(features));
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }

    private static TrainedModel Train(string model, TrainingData data, TrainingOptions options) =>
        new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec(model), data, options, CancellationToken.None);
}
