using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// Claims jobs from the Postgres queue and runs them, one at a time: heartbeats with progress while a job runs,
/// stops it within a heartbeat when it is cancelled or taken away, hands it back when the worker shuts down, and
/// re-queues jobs whose worker died. Any number of workers on any machines that reach the database share the queue.
/// A database outage is ridden out: the loops log, pause with growing backoff and carry on, the job keeps training,
/// and nothing it reported is lost.
/// </summary>
public sealed class JobWorker(IDbContextFactory<ClassifierDb> databases, IEnumerable<IJobHandler> handlers, ModelStore models,
    IOptions<WorkerOptions> options, WorkerHeartbeat alive, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kinds = _options.Kinds.Length > 0 ? _options.Kinds : _handlers.Keys.ToArray();
        var device = TorchRuntime.ResolveDevice(_options.Device).type.ToString().ToLowerInvariant();
        logger.LogInformation("worker {Worker} takes {Kinds} jobs on {Device}", _options.WorkerId, string.Join(", ", kinds), device);
        var backoff = Backoff.ForDatabase();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job;
            try
            {
                job = await ClaimAsync(kinds, device, stoppingToken);
                if (failing) logger.LogInformation("worker {Worker}: the database answers again", _options.WorkerId);
                failing = false;
                backoff.Reset();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var pause = backoff.Next();
                if (DatabaseOutage.IsOutage(e)) logger.LogWarning("worker {Worker}: database unreachable ({Reason}); trying again in {Pause}",
                    _options.WorkerId, e.Message, pause);
                else logger.LogError(e, "worker {Worker}: claiming a job failed; trying again in {Pause}", _options.WorkerId, pause);
                failing = true;
                await Task.Delay(pause, stoppingToken);
                continue;
            }
            alive.Beat();
            if (job is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken);
                continue;
            }
            await RunAsync(job, device, stoppingToken);
        }
    }

    private async Task<Job?> ClaimAsync(string[] kinds, string device, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var queue = new JobQueue(db);
        await queue.RecoverStaleAsync(TimeSpan.FromSeconds(_options.StaleAfterSeconds), _options.MaxAttempts, ct);
        var job = await queue.ClaimAsync(_options.WorkerId, kinds, ct);
        if (job is not null)
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Device, device), ct);
        return job;
    }

    private async Task RunAsync(Job job, string device, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await using var db = await databases.CreateDbContextAsync(stoppingToken);
        var context = new JobContext(job, db, Path.Combine(models.Root, "jobs", job.Id.ToString()), _options.Device);
        context.Emit(new StatusEvent(JobStatus.Running, _options.WorkerId, job.Attempts, device));
        var heartbeat = new JobHeartbeatLoop(databases, context, _options, cancel, logger, alive);
        var beating = heartbeat.RunAsync();

        var outcome = await OutcomeAsync(job, context, cancel.Token, stoppingToken);
        await heartbeat.StopAsync(beating);
        if (heartbeat.Lost || outcome.Lost)
        {
            logger.LogWarning("job {Job} ({Kind}) was taken from worker {Worker} (it went quiet and another took it over): " +
                "stopped it and registered nothing", job.Id, job.Kind, _options.WorkerId);
            return;
        }
        try
        {
            await DatabaseOutage.RetryAsync(ct => RecordAsync(job, context, outcome, ct),
                (e, pause) => logger.LogWarning("job {Job}: database unreachable while recording its outcome ({Reason}); trying again in {Pause}",
                    job.Id, e.Message, pause), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while the database was down: the job stays Running until its heartbeat is found stale and it is re-queued.
            return;
        }
        logger.LogInformation("job {Job} ({Kind}): {Outcome}", job.Id, job.Kind, outcome.Status?.ToString() ?? "handed back");
    }

    /// <summary>How the handler ended: a final status, or null to hand the job back for another attempt.</summary>
    private sealed record Outcome(JobStatus? Status, string? Error = null, bool Lost = false);

    private async Task<Outcome> OutcomeAsync(Job job, JobContext context, CancellationToken cancel, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => _handlers[job.Kind].RunAsync(context, cancel), cancel);
            return new Outcome(JobStatus.Succeeded);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return new Outcome(null); // shutting down: hand the job back for another worker to resume
        }
        catch (OperationCanceledException)
        {
            return new Outcome(JobStatus.Cancelled);
        }
        catch (JobLostException)
        {
            return new Outcome(null, Lost: true);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && job.Attempts < _options.MaxAttempts)
        {
            // Not the job's fault: run it again (from its checkpoints) once the database is back.
            logger.LogWarning("job {Job} ({Kind}): the database went away under it ({Reason}); handing it back", job.Id, job.Kind, e.Message);
            return new Outcome(null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "job {Job} ({Kind}) failed", job.Id, job.Kind);
            return new Outcome(JobStatus.Failed, e is Core.UserFacingException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task RecordAsync(Job job, JobContext context, Outcome outcome, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var queue = new JobQueue(db);
        // A job shorter than a heartbeat would otherwise end without ever reporting its progress.
        context.AnnounceProgress();
        await JobHeartbeatLoop.FlushAsync(db, context, ct);
        if (outcome.Status is { } status) await queue.FinishAsync(job.Id, _options.WorkerId, status, outcome.Error, context.ProgressText, ct);
        else await queue.ReleaseAsync(job.Id, _options.WorkerId, ct);
    }
}
