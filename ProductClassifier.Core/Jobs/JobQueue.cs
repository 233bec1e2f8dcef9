using System.Globalization;
using System.Text.Json.Nodes;
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
        // One statement, stamped with the database's clock: workers on other machines may keep other time.
        var claimed = await db.Jobs.FromSql($"""
                UPDATE jobs SET status = 'Running', worker_id = {workerId}, started_at = coalesce(started_at, now()),
                    heartbeat_at = now(), attempts = attempts + 1
                WHERE id = (SELECT id FROM jobs
                            WHERE status = 'Queued' AND (cardinality({kindList}) = 0 OR kind = ANY({kindList}))
                            ORDER BY created_at, id
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(ct); // not composed: the statement runs exactly as written
        return claimed.FirstOrDefault();
    }

    /// <summary>
    /// Records progress and proves the worker alive, by the database's clock. <see cref="JobHeartbeat.Lost"/>: the job
    /// no longer runs for this worker (it was recovered as stale and handed to another, or finished meanwhile).
    /// </summary>
    public async Task<JobHeartbeat> HeartbeatAsync(long jobId, string workerId, double? progress = null, string? text = null,
        CancellationToken ct = default)
    {
        var cancel = await db.Database.SqlQuery<bool>($"""
            UPDATE jobs SET heartbeat_at = now(), progress = coalesce({progress}, progress),
                progress_text = coalesce({text}, progress_text)
            WHERE id = {jobId} AND worker_id = {workerId} AND status = 'Running'
            RETURNING cancel_requested AS "Value"
            """).ToListAsync(ct);
        return cancel.Count == 0 ? JobHeartbeat.Lost : cancel[0] ? JobHeartbeat.CancelRequested : JobHeartbeat.Running;
    }

    /// <summary>
    /// Inside the caller's transaction: locks the job's row until it commits, and throws <see cref="JobLostException"/>
    /// unless the job still runs for <paramref name="workerId"/>. What a job registers under this lock cannot
    /// interleave with the job being recovered and handed to another worker.
    /// </summary>
    public async Task HoldAsync(long jobId, string workerId, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Holding a job takes the transaction that registers its result.");
        var held = await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM jobs WHERE id = {jobId} AND worker_id = {workerId} AND status = 'Running' FOR UPDATE
            """).ToListAsync(ct);
        if (held.Count == 0) throw new JobLostException(jobId, workerId);
    }

    /// <summary>
    /// Ends the worker's running job with <paramref name="status"/> and records the status event; false when the job no
    /// longer ran for <paramref name="workerId"/> (nothing changed).
    /// </summary>
    /// <param name="progressText">The job's last progress text ("round 3 → model v4; round 4 open"), which the row keeps
    /// in place of whatever the last heartbeat wrote; null: leave it.</param>
    public async Task<bool> FinishAsync(long jobId, string workerId, JobStatus status, string? error = null, string? progressText = null,
        CancellationToken ct = default)
    {
        var statusName = status.ToString();
        var finished = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = {statusName}, finished_at = now(), error = {error},
                progress = CASE WHEN {statusName} = 'Succeeded' THEN 1 ELSE progress END,
                progress_text = coalesce({progressText}, progress_text)
            WHERE id = {jobId} AND worker_id = {workerId} AND status = 'Running'
            """, ct) > 0;
        if (finished) await new JobEvents(db).AddAsync(jobId, new StatusEvent(status, Error: error), ct);
        return finished;
    }

    /// <summary>A worker shutting down hands its job back to the queue at once, for another worker to resume.</summary>
    public Task ReleaseAsync(long jobId, string workerId, CancellationToken ct = default) =>
        db.Jobs.Where(j => j.Id == jobId && j.WorkerId == workerId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.WorkerId, (string?)null), ct);

    /// <summary>Asks a job to stop: a queued job is cancelled at once, a running one when its worker next heartbeats.</summary>
    public async Task CancelAsync(long jobId, CancellationToken ct = default)
    {
        if (await db.Database.ExecuteSqlAsync($"""
                UPDATE jobs SET status = 'Cancelled', finished_at = now() WHERE id = {jobId} AND status = 'Queued'
                """, ct) > 0)
            await new JobEvents(db).AddAsync(jobId, new StatusEvent(JobStatus.Cancelled), ct);
        await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
    }

    /// <summary>The parameter a job queued by <see cref="RetryAsync"/> carries: the id of the job it runs again.</summary>
    public const string RetryOf = "retryOf";

    /// <summary>
    /// Runs a failed or cancelled job again: a new job of the same kind and catalogue with the same parameters, so a
    /// chained step (<see cref="JobChain"/>) carries the rest of its chain and goes on with it once it succeeds. Asked
    /// twice (a double click, two people), it queues one job and returns it both times.
    /// </summary>
    public async Task<Job> RetryAsync(long jobId, CancellationToken ct = default)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct)
            ?? throw new UserFacingException($"There is no job {jobId}.");
        if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
            throw new UserFacingException($"Job {jobId} ({job.Kind}) is {job.Status.ToString().ToLowerInvariant()}: only a failed or cancelled job can be run again.");
        var id = jobId.ToString(CultureInfo.InvariantCulture);
        // One retry per job, even when two ask at once: the check and the insert run under a lock on the job's row.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM jobs WHERE id = {jobId} FOR UPDATE", ct);
        var earlier = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE parameters ->> {RetryOf} = {id}").AsNoTracking().FirstOrDefaultAsync(ct);
        if (earlier is not null) return earlier;
        var parameters = JsonNode.Parse(job.Parameters) as JsonObject ?? [];
        parameters[RetryOf] = jobId;
        var retry = await EnqueueAsync(job.CatalogueId, job.Kind, parameters.ToJsonString(), ct);
        await transaction.CommitAsync(ct);
        return retry;
    }

    /// <summary>
    /// Running jobs without a heartbeat for <paramref name="timeout"/> by the database's clock: re-queued, or failed
    /// past <paramref name="maxAttempts"/>.
    /// </summary>
    public async Task<int> RecoverStaleAsync(TimeSpan timeout, int maxAttempts = DefaultMaxAttempts, CancellationToken ct = default)
    {
        var seconds = timeout.TotalSeconds;
        var failed = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Failed', finished_at = now(),
                error = 'worker ' || worker_id || ' stopped heartbeating; gave up after ' || attempts || ' attempts'
            WHERE status = 'Running' AND heartbeat_at < now() - make_interval(secs => {seconds}) AND attempts >= {maxAttempts}
            """, ct);
        var requeued = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Queued', worker_id = NULL
            WHERE status = 'Running' AND heartbeat_at < now() - make_interval(secs => {seconds})
            """, ct);
        return failed + requeued;
    }
}
