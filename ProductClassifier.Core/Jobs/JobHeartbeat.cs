namespace ProductClassifier.Core.Jobs;

/// <summary>What a running job's heartbeat found.</summary>
public enum JobHeartbeat
{
    Running,
    CancelRequested,

    /// <summary>The job no longer runs for this worker: it must stop at once and register nothing.</summary>
    Lost,
}
