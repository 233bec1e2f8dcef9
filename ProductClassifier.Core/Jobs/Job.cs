namespace ProductClassifier.Core.Jobs;

/// <summary>
/// A unit of background work in the Postgres queue: any number of workers on any machines claim jobs with
/// <c>FOR UPDATE SKIP LOCKED</c>, heartbeat while they run, and record progress and the outcome here.
/// </summary>
public sealed class Job
{
    public long Id { get; set; }
    public int CatalogueId { get; set; }

    /// <summary>featurize, train, fine-tune-round, predict-all, evaluate, index-similarity.</summary>
    public required string Kind { get; set; }

    /// <summary>The job's parameters as JSON.</summary>
    public string Parameters { get; set; } = "{}";
    public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>0 to 1.</summary>
    public double Progress { get; set; }
    public string? ProgressText { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? HeartbeatAt { get; set; }

    /// <summary>Times a worker has claimed it; a job whose workers keep dying is failed past the limit.</summary>
    public int Attempts { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>cpu or cuda: where it ran.</summary>
    public string? Device { get; set; }
    public string? Error { get; set; }
}

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
