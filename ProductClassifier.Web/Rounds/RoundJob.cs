using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Rounds;

/// <summary>A round's job (open-round or fine-tune-round) as the rounds page follows it.</summary>
public sealed record RoundJob(long Id, string Kind, JobStatus Status, double Progress, string? ProgressText, string? Error,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public bool IsActive => Status is JobStatus.Queued or JobStatus.Running;
}
