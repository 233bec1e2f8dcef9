namespace ProductClassifier.Web.Jobs;

/// <summary>What <see cref="TrainingHub"/> sends to its subscribers.</summary>
public interface ITrainingClient
{
    Task JobStatus(JobStatusMessage message);
    Task JobProgress(JobProgressMessage message);
    Task JobMetrics(JobMetricsMessage message);
}
