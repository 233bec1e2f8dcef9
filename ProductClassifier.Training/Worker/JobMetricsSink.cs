using System.Diagnostics;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Worker;

/// <summary>Training metrics as job events (steps thinned to about one a second) and as the job's progress.</summary>
internal sealed class JobMetricsSink(JobContext context, int expectedRuns) : IMetricsSink
{
    private readonly Stopwatch _sinceStep = Stopwatch.StartNew();
    private readonly HashSet<string> _runs = [];

    public void OnStep(TrainingStep step)
    {
        _runs.Add(step.Run);
        // How far this run is through its epochs, then how far the job is through its runs: a bar that only moves forward.
        var withinRun = step.Epochs > 0 ? (step.Epoch - 1 + (double)step.Step / Math.Max(1, step.StepsPerEpoch)) / step.Epochs : 0;
        var job = (_runs.Count - 1 + Math.Clamp(withinRun, 0, 1)) / Math.Max(1, expectedRuns);
        context.ReportProgress(Math.Min(0.95, job), $"{step.Run}: epoch {step.Epoch}, loss {step.Loss:F4}");
        if (_sinceStep.Elapsed.TotalSeconds < 1) return;
        _sinceStep.Restart();
        context.Emit(new StepEvent(step.Run, step.Epoch, step.Step, step.StepsPerEpoch, step.Loss));
    }

    public void OnEpoch(TrainingEpoch epoch) =>
        context.Emit(new EpochEvent(epoch.Run, epoch.Epoch, epoch.Epochs, epoch.TrainLoss, epoch.Elapsed));

    public void OnValidation(ValidationMetrics metrics) =>
        context.Emit(new ValidationEvent(metrics.Run, metrics.Epoch, metrics.Loss, metrics.MicroF1, metrics.Improved));
}
