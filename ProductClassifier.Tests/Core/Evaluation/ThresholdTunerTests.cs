using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Tests.Core.Evaluation;

public sealed class ThresholdTunerTests
{
    private static readonly float[] Scores = [0.9f, 0.8f, 0.7f, 0.4f, 0.3f, 0.1f];
    private static readonly bool[] Positive = [true, true, false, true, false, false];

    private static double F1At(float threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < Scores.Length; i++)
        {
            var predicted = Scores[i] >= threshold;
            if (predicted && Positive[i]) tp++; else if (predicted) fp++; else if (Positive[i]) fn++;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    [Fact]
    public void Picks_the_threshold_that_maximises_f1()
    {
        var threshold = ThresholdTuner.Best(Scores, Positive, minimumPositives: 3);

        Assert.Equal(0.35f, threshold, 5);            // between 0.4 (last positive kept) and 0.3
        Assert.Equal(6 / 7.0, F1At(threshold), 6);    // TP 3, FP 1
        for (var t = 0f; t <= 1f; t += 0.01f) Assert.True(F1At(t) <= F1At(threshold) + 1e-9);
    }

    [Fact]
    public void Falls_back_to_one_half_with_too_few_positives()
    {
        Assert.Equal(0.5f, ThresholdTuner.Best(Scores, Positive));  // 3 positives, default minimum 5
        Assert.Equal(0.5f, ThresholdTuner.Best(Scores, new bool[6], minimumPositives: 0));
    }

    [Fact]
    public void Tunes_each_category_on_known_labels_only()
    {
        // Category 0 is the example above; category 1's only positive scores lowest, but its label is unknown.
        float[] probabilities = [0.9f, 0.5f, 0.8f, 0.5f, 0.7f, 0.5f, 0.4f, 0.5f, 0.3f, 0.5f, 0.1f, 0.05f];
        float[] targets = [1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1];
        float[] mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];

        var thresholds = ThresholdTuner.Tune(probabilities, targets, mask, categories: 2, minimumPositives: 1);

        Assert.Equal(0.35f, thresholds[0], 5);
        Assert.Equal(0.5f, thresholds[1]);
    }
}
