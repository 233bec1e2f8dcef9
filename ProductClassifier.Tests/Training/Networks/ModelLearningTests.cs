using ProductClassifier.Core;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Networks;

public sealed class ModelLearningTests
{
    public static TheoryData<string> Members => [.. ModelRegistry.MemberNames];

    [Theory]
    [MemberData(nameof(Members))]
    public void Each_model_learns_a_separable_problem_from_its_own_blocks(string name)
    {
        // No rule firings here: the model must learn from the blocks it reads.
        var (features, labels, _) = ToyProblem.Create();
        using var model = new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec(name),
            TrainingData.All(features, labels), new TrainingOptions { Epochs = 15, BatchSize = 32, ValidationFraction = 0 },
            CancellationToken.None);

        Assert.True(ToyProblem.Accuracy(model.Predict(features), labels) > 0.9);
    }

    [Fact]
    public void The_rules_path_lets_a_model_learn_from_rule_firings_alone()
    {
        var (features, _, _) = ToyProblem.Create(rules: true);
        // Labels that only the rules know: category k exactly when rule k fired.
        var rules = features.Sparse[FeatureSet.Rules];
        var targets = new float[features.Count * ToyProblem.Categories];
        for (var r = 0; r < features.Count; r++)
            foreach (var rule in rules.RowIndices(r)) targets[r * ToyProblem.Categories + rule] = 1;
        var labels = new LabelMatrix(ToyProblem.Categories, targets, Enumerable.Repeat(1f, targets.Length).ToArray(),
            Enumerable.Repeat(1f, features.Count).ToArray());

        using var model = new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec("linear"),
            TrainingData.All(features, labels), new TrainingOptions { Epochs = 20, BatchSize = 32, ValidationFraction = 0 },
            CancellationToken.None);

        Assert.True(ToyProblem.Accuracy(model.Predict(features), labels) > 0.95);
    }

    [Fact]
    public void A_model_whose_required_block_is_missing_is_a_user_error()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 20);
        features.Dense.Remove(FeatureSet.Image);

        var error = Assert.Throws<UserFacingException>(() => new ModelTrainer(NullMetricsSink.Instance).Train(
            ModelRegistry.Spec("image-mlp"), TrainingData.All(features, labels), new TrainingOptions(), CancellationToken.None));
        Assert.Contains("'image'", error.Message);
        Assert.Throws<UserFacingException>(() => ModelRegistry.Spec("random-forest"));
    }

    [Fact]
    public void Predicting_on_features_of_another_width_is_a_user_error()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 40);
        using var model = new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec("linear"),
            TrainingData.All(features, labels), new TrainingOptions { Epochs = 1, ValidationFraction = 0 }, CancellationToken.None);
        var other = new FeatureSet(1);
        other.Sparse[FeatureSet.TextTfIdf] = SparseRows.FromRows(ToyProblem.Vocabulary + 1, [[(0, 1f)]]);

        var error = Assert.Throws<UserFacingException>(() => model.Predict(other));
        Assert.Contains("text.tfidf", error.Message);
    }
}
