using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Networks;

public sealed class TrainedModelPersistenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pc-model-").FullName;

    public static TheoryData<string> Members => [.. ModelRegistry.MemberNames];

    [Theory]
    [MemberData(nameof(Members))]
    public void Saved_and_loaded_model_predicts_identically(string name)
    {
        var (features, labels, _) = ToyProblem.Create(rows: 60, rules: true);
        using var model = new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec(name),
            TrainingData.All(features, labels), new TrainingOptions { Epochs = 2, BatchSize = 16, ValidationFraction = 0 },
            CancellationToken.None);

        model.Save(folder);
        using var loaded = TrainedModel.Load(folder, "cpu");

        Assert.Equal(model.Predict(features), loaded.Predict(features));
        Assert.Equal(model.Spec with { Blocks = [], OptionalBlocks = [] }, loaded.Spec with { Blocks = [], OptionalBlocks = [] });
        Assert.Equal(model.Spec.AllBlocks, loaded.Spec.AllBlocks);
        Assert.Equal(model.PositiveWeights, loaded.PositiveWeights);
        Assert.Equal(2, loaded.EpochsTrained);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
