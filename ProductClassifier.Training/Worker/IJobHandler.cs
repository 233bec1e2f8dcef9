namespace ProductClassifier.Training.Worker;

/// <summary>Runs one kind of job.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task RunAsync(JobContext context, CancellationToken ct);
}
