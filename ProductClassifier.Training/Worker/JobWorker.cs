using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Models;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// Claims jobs from the Postgres queue and runs them, one at a time: heartbeats with progress while a job runs,
/// stops it within a heartbeat when it is cancelled, hands it back when the worker shuts down, and re-queues jobs
/// whose worker died. Any number of workers on any machines that reach the database share the queue.
/// </summary>
public sealed class JobWorker(IDbContextFactory<ClassifierDb> databases, IEnumerable<IJobHandler> handlers, ModelStore models,
    IOptions<WorkerOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kinds = _options.Kinds.Length > 0 ? _options.Kinds : _handlers.Keys.ToArray();
        var device = TorchRuntime.ResolveDevice(_options.Device).type.ToString().ToLowerInvariant();
        logger.LogInformation("worker {Worker} takes {Kinds} jobs on {Device}", _options.WorkerId, string.Join(", ", kinds), device);
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job;
            await using (var db = await databases.CreateDbContextAsync(stoppingToken))
            {
                var queue = new JobQueue(db);
                await queue.RecoverStaleAsync(TimeSpan.FromSeconds(_options.StaleAfterSeconds), _options.MaxAttempts, stoppingToken);
                job = await queue.ClaimAsync(_options.WorkerId, kinds, stoppingToken);
                if (job is not null)
                    await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Device, device), stoppingToken);
            }
            if (job is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken);
                continue;
            }
            await RunAsync(job, device, stoppingToken);
        }
    }

    private async Task RunAsync(Job job, string device, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await using var db = await databases.CreateDbContextAsync(stoppingToken);
        var context = new JobContext(job, db, Path.Combine(models.Root, "jobs", job.Id.ToString()), _options.Device);
        context.Emit(new StatusEvent(JobStatus.Running, _options.WorkerId, job.Attempts, device));
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(context, cancel, stopHeartbeat.Token);

        JobStatus? outcome;
        string? error = null;
        try
        {
            await Task.Run(() => _handlers[job.Kind].RunAsync(context, cancel.Token), cancel.Token);
            outcome = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = null; // shutting down: hand the job back for another worker to resume
        }
        catch (OperationCanceledException)
        {
            outcome = JobStatus.Cancelled;
        }
        catch (Exception e)
        {
            logger.LogError(e, "job {Job} ({Kind}) failed", job.Id, job.Kind);
            (outcome, error) = (JobStatus.Failed, e is Core.UserFacingException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        await stopHeartbeat.CancelAsync();
        await heartbeat;

        await using var finishing = await databases.CreateDbContextAsync(CancellationToken.None);
        var queue = new JobQueue(finishing);
        // A job shorter than a heartbeat would otherwise end without ever reporting its progress.
        context.AnnounceProgress();
        await FlushAsync(finishing, context, CancellationToken.None);
        if (outcome is { } status) await queue.FinishAsync(job.Id, _options.WorkerId, status, error, CancellationToken.None);
        else await queue.ReleaseAsync(job.Id, _options.WorkerId, CancellationToken.None);
        logger.LogInformation("job {Job} ({Kind}): {Outcome}", job.Id, job.Kind, outcome?.ToString() ?? "handed back");
    }

    /// <summary>Every heartbeat: writes buffered events, records progress, and cancels the job when asked to.</summary>
    private async Task HeartbeatAsync(JobContext context, CancellationTokenSource cancel, CancellationToken stop)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var queue = new JobQueue(db);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HeartbeatSeconds));
        try
        {
            // Only the wait is cancellable: an event taken off the buffer is always written, never dropped mid-write.
            while (await timer.WaitForNextTickAsync(stop))
            {
                context.AnnounceProgress();
                await FlushAsync(db, context, CancellationToken.None);
                if (await queue.HeartbeatAsync(context.Job.Id, _options.WorkerId, context.Progress, context.ProgressText, CancellationToken.None))
                    await cancel.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private static async Task FlushAsync(ClassifierDb db, JobContext context, CancellationToken ct)
    {
        var events = new JobEvents(db);
        foreach (var payload in context.DrainEvents()) await events.AddAsync(context.Job.Id, payload, ct);
    }
}
