using ProductClassifier.Training.Learning;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary>Draws training as one progress bar per run (member, fold, meta-learner) with its latest loss.</summary>
internal sealed class ConsoleMetricsSink(ProgressContext context) : IMetricsSink
{
    private readonly Dictionary<string, ProgressTask> _runs = [];
    private readonly Dictionary<string, float> _validation = [];

    public void OnStep(TrainingStep step)
    {
        var task = Task(step.Run);
        task.MaxValue = Math.Max(1, step.StepsPerEpoch);
        task.Value = step.Step;
        task.Description = Describe(step.Run, $"epoch {step.Epoch} loss {step.Loss:F4}");
    }

    public void OnEpoch(TrainingEpoch epoch) =>
        Task(epoch.Run).Description = Describe(epoch.Run, $"epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.TrainLoss:F4} ({epoch.Elapsed.TotalSeconds:F1}s)");

    public void OnValidation(ValidationMetrics metrics)
    {
        _validation[metrics.Run] = metrics.MicroF1;
        Task(metrics.Run).Description = Describe(metrics.Run, $"epoch {metrics.Epoch} val loss {metrics.Loss:F4}");
    }

    public void Finish()
    {
        foreach (var task in _runs.Values) task.Value = task.MaxValue;
    }

    private string Describe(string run, string state) =>
        $"{Markup.Escape(run),-22} {state}" + (_validation.TryGetValue(run, out var f1) ? $" val micro-F1 {f1:F3}" : "");

    private ProgressTask Task(string run)
    {
        if (_runs.TryGetValue(run, out var task)) return task;
        foreach (var previous in _runs.Values) previous.Value = previous.MaxValue;
        return _runs[run] = context.AddTask(Markup.Escape(run));
    }
}
