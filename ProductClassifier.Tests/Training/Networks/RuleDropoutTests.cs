using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Tests.Training.Networks;

public sealed class RuleDropoutTests
{
    [Fact]
    public void Training_without_the_rule_firings_on_some_rows_makes_the_model_learn_the_content_too()
    {
        // Rules that know every label exactly, and text that carries the class as well: without dropout, the rules path
        // explains the labels and the text path learns little; with it, the text must predict half the rows alone.
        var (features, labels, classes) = ToyProblem.Create(rows: 300, seed: 3);
        features.Sparse[FeatureSet.Rules] = SparseRows.FromRows(ToyProblem.RuleCount, classes.Select(k =>
            (IReadOnlyList<(int, float)>)(k < 2 ? [(k, 1f), (3, 1f)] : [(k, 1f)])).ToList());
        var contentOnly = new FeatureSet(features.Count);
        contentOnly.Sparse[FeatureSet.TextTfIdf] = features.Sparse[FeatureSet.TextTfIdf];
        contentOnly.Sparse[FeatureSet.Rules] = SparseRows.FromRows(ToyProblem.RuleCount,
            Enumerable.Range(0, features.Count).Select(_ => (IReadOnlyList<(int, float)>)[]).ToList());
        var rows = Enumerable.Range(0, features.Count).ToArray();

        double ContentLoss(double dropout, out double withRules)
        {
            using var model = new ModelTrainer(NullMetricsSink.Instance).Train(ModelRegistry.Spec("linear"),
                TrainingData.All(features, labels), new TrainingOptions
                { Epochs = 10, BatchSize = 32, ValidationFraction = 0, RuleDropout = dropout }, CancellationToken.None);
            withRules = ToyProblem.Accuracy(model.Predict(features), labels);
            return ToyProblem.LogLoss(model.Predict(contentOnly), labels, rows);
        }

        var plain = ContentLoss(0, out var plainWithRules);
        var dropped = ContentLoss(0.5, out var droppedWithRules);

        Assert.True(dropped < 0.85 * plain, $"content-only log-loss {dropped:F3} with rule dropout, {plain:F3} without");
        Assert.True(droppedWithRules > 0.99 && plainWithRules > 0.99, $"accuracy with rules: {droppedWithRules:F3}, {plainWithRules:F3}");
    }

    [Fact]
    public void The_meta_learner_weighs_members_without_reading_the_rule_firings()
    {
        Assert.DoesNotContain(FeatureSet.Rules, ModelRegistry.Spec("meta").AllBlocks);
        Assert.All(ModelRegistry.MemberNames, name => Assert.Contains(FeatureSet.Rules, ModelRegistry.Spec(name).AllBlocks));
    }
}
