namespace ProductClassifier.Training.Cli;

/// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post to the thread pool and reorder updates.</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
