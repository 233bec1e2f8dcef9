using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>
/// The Postgres job queue. <see cref="ClaimAsync"/> takes the oldest queued job with <c>FOR UPDATE SKIP LOCKED</c>,
/// so concurrent workers never get the same one; running jobs heartbeat, and <see cref="RecoverStaleAsync"/> puts a
/// job whose worker went quiet back in the queue (or fails it, with the reason, past the attempt limit).
/// </summary>
public sealed class JobQueue(ClassifierDb db)
{
    public const int DefaultMaxAttempts = 3;

    public async Task<Job> EnqueueAsync(int catalogueId, string kind, string parameters = "{}", CancellationToken ct = default)
    {
        var job = new Job { CatalogueId = catalogueId, Kind = kind, Parameters = parameters };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        await new JobEvents(db).AddAsync(job.Id, new StatusEvent(JobStatus.Queued), ct);
        return job;
    }

    /// <summary>The oldest queued job of the given kinds (any kind when empty), now running for <paramref name="workerId"/>; null when none.</summary>
    public async Task<Job?> ClaimAsync(string workerId, IReadOnlyCollection<string> kinds, CancellationToken ct = default)
    {
        var kindList = kinds.ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Jobs.FromSql($"""
                SELECT * FROM jobs
                WHERE status = 'Queued' AND (cardinality({kindList}) = 0 OR kind = ANY({kindList}))
                ORDER BY created_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(ct); // not composed: the statement runs exactly as written
        var job = claimed.FirstOrDefault();
        if (job is null) return null;
        // Written with an UPDATE rather than through the change tracker, whose copy of a re-queued job may be stale.
        var now = DateTime.UtcNow;
        job.Status = JobStatus.Running;
        job.WorkerId = workerId;
        job.StartedAt ??= now;
        job.HeartbeatAt = now;
        job.Attempts++;
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running)
            .SetProperty(j => j.WorkerId, workerId).SetProperty(j => j.StartedAt, job.StartedAt)
            .SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.Attempts, job.Attempts), ct);
        await transaction.CommitAsync(ct);
        return job;
    }

    /// <summary>Records progress and proves the worker alive; returns whether cancellation was requested.</summary>
    public async Task<bool> HeartbeatAsync(long jobId, string workerId, double? progress = null, string? text = null, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        await db.Jobs.Where(j => j.Id == jobId && j.WorkerId == workerId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.Progress, j => progress ?? j.Progress)
                .SetProperty(j => j.ProgressText, j => text ?? j.ProgressText), ct);
        return await db.Jobs.Where(j => j.Id == jobId).Select(j => j.CancelRequested).SingleAsync(ct);
    }

    /// <summary>Ends the worker's running job with <paramref name="status"/> and records the status event (unless the job was no longer its own).</summary>
    public async Task FinishAsync(long jobId, string workerId, JobStatus status, string? error = null, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var finished = await db.Jobs.Where(j => j.Id == jobId && j.WorkerId == workerId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.Progress, j => status == JobStatus.Succeeded ? 1 : j.Progress), ct);
        if (finished > 0) await new JobEvents(db).AddAsync(jobId, new StatusEvent(status, Error: error), ct);
    }

    /// <summary>A worker shutting down hands its job back to the queue at once, for another worker to resume.</summary>
    public Task ReleaseAsync(long jobId, string workerId, CancellationToken ct = default) =>
        db.Jobs.Where(j => j.Id == jobId && j.WorkerId == workerId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.WorkerId, (string?)null), ct);

    /// <summary>Asks a job to stop: a queued job is cancelled at once, a running one when its worker next heartbeats.</summary>
    public async Task CancelAsync(long jobId, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        if (await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Cancelled).SetProperty(j => j.FinishedAt, now), ct) > 0)
            await new JobEvents(db).AddAsync(jobId, new StatusEvent(JobStatus.Cancelled), ct);
        await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
    }

    /// <summary>Running jobs without a heartbeat for <paramref name="timeout"/>: re-queued, or failed past <paramref name="maxAttempts"/>.</summary>
    public async Task<int> RecoverStaleAsync(TimeSpan timeout, int maxAttempts = DefaultMaxAttempts, CancellationToken ct = default)
    {
        var cutoff = DateTime.UtcNow - timeout;
        var now = DateTime.UtcNow;
        var failed = await db.Jobs.Where(j => j.Status == JobStatus.Running && j.HeartbeatAt < cutoff && j.Attempts >= maxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Error, j => "worker " + j.WorkerId + " stopped heartbeating; gave up after " + j.Attempts.ToString() + " attempts"), ct);
        var requeued = await db.Jobs.Where(j => j.Status == JobStatus.Running && j.HeartbeatAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.WorkerId, (string?)null), ct);
        return failed + requeued;
    }
}
