namespace ProductClassifier.Core.Jobs;

/// <summary>A worker tried to register a result of a job that no longer runs for it (recovered and handed to another worker).</summary>
public sealed class JobLostException(long jobId, string workerId)
    : Exception($"Job {jobId} no longer runs for worker {workerId}: it was recovered and handed to another; nothing was registered.")
{
    public long JobId { get; } = jobId;
}
