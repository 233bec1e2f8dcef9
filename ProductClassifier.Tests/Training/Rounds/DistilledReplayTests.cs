using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;
using static TorchSharp.torch;

namespace ProductClassifier.Tests.Training.Rounds;

public sealed class DistilledReplayTests
{
    [Fact]
    public void Each_member_replays_its_own_predictions_and_the_shared_labels_stay_as_they_were()
    {
        var (features, labels, _) = ToyProblem.Create(rows: 120);
        var trainer = new ModelTrainer(NullMetricsSink.Instance);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 3 };
        using var linear = trainer.Train(ModelRegistry.Spec("linear"), TrainingData.All(features, labels), options, CancellationToken.None);
        using var mlp = trainer.Train(ModelRegistry.Spec("mlp-tfidf"), TrainingData.All(features, labels), options, CancellationToken.None);
        int[] replay = [5, 17, 40];
        var data = new TrainingData(features, labels, [0, 1, 2, .. replay]);
        var before = labels.Targets.ToArray();

        var perMember = DistilledReplay.For(data, replay);
        foreach (var member in new[] { linear, mlp })
        {
            var own = perMember(member).Labels;
            var predicted = member.Predict(features, replay);
            for (var r = 0; r < replay.Length; r++)
                for (var k = 0; k < ToyProblem.Categories; k++)
                {
                    var i = replay[r] * ToyProblem.Categories + k;
                    var p = predicted[r * ToyProblem.Categories + k];
                    var w = member.PositiveWeights[k];
                    Assert.Equal(p, w * own.Targets[i] / (w * own.Targets[i] + 1 - own.Targets[i]), 4);
                    Assert.Equal(1f, own.Mask[i]);
                }
            Assert.Equal(before[..ToyProblem.Categories], own.Targets[..ToyProblem.Categories]); // product 0 is not replayed
        }
        Assert.Equal(before, labels.Targets);
        Assert.NotEqual(perMember(linear).Labels.Targets[(5 * 4)..(6 * 4)], perMember(mlp).Labels.Targets[(5 * 4)..(6 * 4)]);
    }

    [Fact]
    public void Fitting_a_free_logit_to_a_distilled_target_under_the_weighted_loss_recovers_the_teachers_probability()
    {
        float[] teacher = [0.02f, 0.3f, 0.7f];
        float[] weights = [20f, 4f, 1f];
        var labels = new ProductClassifier.Core.Features.LabelMatrix(3, new float[3], new float[3], [1f]);
        ReplayDistillation.Apply(labels, [0], teacher, weights);

        using var logits = new TorchSharp.Modules.Parameter(zeros(1, 3));
        using var optimizer = optim.Adam([logits], lr: 0.05);
        using var targets = tensor(labels.Targets, [1, 3]);
        using var mask = ones(1, 3);
        using var rowWeights = ones(1);
        using var positive = tensor(weights);
        for (var step = 0; step < 2000; step++)
        {
            optimizer.zero_grad();
            using var loss = MaskedBceLoss.Compute(logits, targets, mask, rowWeights, positive);
            loss.backward();
            optimizer.step();
        }
        using var probabilities = sigmoid(logits);
        var learnt = probabilities.data<float>().ToArray();
        for (var k = 0; k < 3; k++) Assert.Equal(teacher[k], learnt[k], 2);
    }
}
