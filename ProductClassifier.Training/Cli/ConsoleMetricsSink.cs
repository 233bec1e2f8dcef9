using ProductClassifier.Training.Learning;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary>
/// Draws training as one progress bar per run (member, fold, meta-learner) with its latest loss, and when a run ends
/// prints one line with its epochs and mean seconds per epoch (what BENCHMARKS.md records).
/// </summary>
internal sealed class ConsoleMetricsSink(ProgressContext context) : IMetricsSink
{
    /// <summary>
    /// Runs <paramref name="train"/> under these bars (others, such as a <see cref="FeaturizeBar"/>, may join through the
    /// context), then completes the last run's bar and line.
    /// </summary>
    public static Task<T> ShowAsync<T>(Func<ConsoleMetricsSink, ProgressContext, Task<T>> train) =>
        CliHost.ProgressConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var sink = new ConsoleMetricsSink(context);
                var result = await train(sink, context);
                sink.Finish();
                return result;
            });

    private readonly Dictionary<string, ProgressTask> _runs = [];
    private readonly Dictionary<string, float> _validation = [];
    private readonly Dictionary<string, (int Epochs, TimeSpan Elapsed)> _epochs = [];

    public void OnStep(TrainingStep step)
    {
        var task = Task(step.Run);
        task.MaxValue = Math.Max(1, step.StepsPerEpoch);
        task.Value = step.Step;
        task.Description = Describe(step.Run, $"epoch {step.Epoch} loss {step.Loss:F4}");
    }

    public void OnEpoch(TrainingEpoch epoch)
    {
        var (epochs, elapsed) = _epochs.GetValueOrDefault(epoch.Run);
        _epochs[epoch.Run] = (epochs + 1, elapsed + epoch.Elapsed);
        Task(epoch.Run).Description = Describe(epoch.Run, $"epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.TrainLoss:F4} ({epoch.Elapsed.TotalSeconds:F1}s)");
    }

    public void OnValidation(ValidationMetrics metrics)
    {
        _validation[metrics.Run] = metrics.MicroF1;
        Task(metrics.Run).Description = Describe(metrics.Run, $"epoch {metrics.Epoch} val loss {metrics.Loss:F4}");
    }

    private void Finish()
    {
        foreach (var (run, task) in _runs) Complete(run, task);
    }

    private void Complete(string run, ProgressTask task)
    {
        task.Value = task.MaxValue;
        if (_epochs.Remove(run, out var done) && done.Epochs > 0)
            CliHost.ProgressConsole.MarkupLine(Markup.Escape(
                $"{run}: {done.Epochs} epochs, {done.Elapsed.TotalSeconds / done.Epochs:F1} s/epoch ({done.Elapsed.TotalSeconds:F0} s)"));
    }

    private string Describe(string run, string state) =>
        $"{Markup.Escape(run),-22} {state}" + (_validation.TryGetValue(run, out var f1) ? $" val micro-F1 {f1:F3}" : "");

    private ProgressTask Task(string run)
    {
        if (_runs.TryGetValue(run, out var task)) return task;
        foreach (var (previous, previousTask) in _runs) Complete(previous, previousTask);
        return _runs[run] = context.AddTask(Markup.Escape(run));
    }
}
