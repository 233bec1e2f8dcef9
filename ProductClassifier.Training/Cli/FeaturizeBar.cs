using ProductClassifier.Core.Features.Pretrained;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary>One progress bar per pretrained block, showing how many rows came from the cache.</summary>
internal sealed class FeaturizeBar(ProgressContext context) : IProgress<FeaturizeProgress>
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private readonly Lock _lock = new();

    public void Report(FeaturizeProgress value)
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(value.Block, out var task))
                _tasks[value.Block] = task = context.AddTask($"{value.Block} features", maxValue: Math.Max(1, value.Total));
            task.Value = value.Completed;
            task.Description = $"{value.Block} features ({value.FromCache:N0} cached)";
        }
    }
}
