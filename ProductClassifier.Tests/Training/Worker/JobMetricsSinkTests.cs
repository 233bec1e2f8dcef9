using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Tests.Training.Worker;

/// <summary>A training job's progress bar: through each run's epochs, run after run, never backwards.</summary>
public sealed class JobMetricsSinkTests
{
    [Fact]
    public void Progress_moves_through_every_epoch_of_every_run_and_never_back()
    {
        var context = new JobContext(new Job { Id = 1, Kind = JobKinds.FineTuneRound }, db: null!, Path.GetTempPath(), device: null);
        var sink = new JobMetricsSink(context, expectedRuns: 2);
        var seen = new List<double>();

        foreach (var run in new[] { "linear", "fasttext" })
            for (var epoch = 1; epoch <= 3; epoch++)
                for (var step = 1; step <= 4; step++)
                {
                    sink.OnStep(new TrainingStep(run, epoch, step, StepsPerEpoch: 4, Loss: 0.1f, Epochs: 3));
                    seen.Add(context.Progress);
                }

        Assert.Equal(seen.Order(), seen);
        Assert.Equal(1 / 24.0, seen[0], 6);        // step 1 of 4, epoch 1 of 3, run 1 of 2
        Assert.Equal(0.5, seen[11], 6);             // the first run's last step
        Assert.Equal(0.95, seen[^1], 6);            // held short of done until the job says so
        Assert.Equal("fasttext: epoch 3, loss 0.1000", context.ProgressText);
    }
}
