using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// A running job's heartbeat: every tick it writes the buffered events, records progress and proves the worker alive.
/// It cancels the job when cancellation is asked for, and at once when the job turns out to be no longer this worker's
/// (<see cref="Lost"/>: it went quiet, was recovered as stale and handed to another); then nothing more is written. An
/// unreachable database is logged and tried again on the next tick while the job keeps running.
/// </summary>
internal sealed class JobHeartbeatLoop(IDbContextFactory<ClassifierDb> databases, JobContext context, WorkerOptions options,
    CancellationTokenSource cancel, ILogger logger, WorkerHeartbeat? alive = null)
{
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _lost;

    public bool Lost => _lost;

    public async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.HeartbeatSeconds));
        var unreachableSince = (DateTime?)null;
        try
        {
            // Only the wait is cancellable: an event being written is always written, never dropped mid-write.
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await BeatAsync();
                    if (unreachableSince is { } since)
                        logger.LogInformation("job {Job}: heartbeat back after {Seconds:F0} s without the database", context.Job.Id,
                            (DateTime.UtcNow - since).TotalSeconds);
                    unreachableSince = null;
                }
                catch (Exception e) when (!_lost)
                {
                    if (unreachableSince is null)
                        logger.LogWarning("job {Job}: heartbeat failed ({Reason}); the job goes on, retrying every beat", context.Job.Id, e.Message);
                    unreachableSince ??= DateTime.UtcNow;
                }
                if (_lost) return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    /// <summary>Ends the loop after the write under way, if any.</summary>
    public async Task StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running;
        _stop.Dispose();
    }

    private async Task BeatAsync()
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var beat = await new JobQueue(db).HeartbeatAsync(context.Job.Id, options.WorkerId, context.Progress, context.ProgressText,
            CancellationToken.None);
        if (beat == JobHeartbeat.Lost)
        {
            _lost = true;
            await cancel.CancelAsync();
            return;
        }
        alive?.Beat(); // the database answered: the worker's health check sees it alive during a long job too
        context.AnnounceProgress();
        await FlushAsync(db, context, CancellationToken.None);
        if (beat == JobHeartbeat.CancelRequested) await cancel.CancelAsync();
    }

    /// <summary>Writes the job's buffered events in order; one that fails to be written stays first in the buffer.</summary>
    public static async Task FlushAsync(ClassifierDb db, JobContext context, CancellationToken ct)
    {
        var events = new JobEvents(db);
        while (context.TryPeekEvent(out var next) && next is not null)
        {
            await events.AddAsync(context.Job.Id, next, ct);
            context.EventWritten();
        }
    }
}
