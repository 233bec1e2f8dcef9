using System.Collections.Concurrent;
using System.Text.Json;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// What a handler gets: the job, a database context of its own, and ways to report. Reports are buffered and
/// written by the worker's heartbeat loop (one writer), so training threads never wait for the database.
/// </summary>
public sealed class JobContext(Job job, ClassifierDb db, string workDirectory, string? device)
{
    private readonly ConcurrentQueue<JobEventPayload> _events = new();
    private (double Progress, string? Text) _announced = (-1, null);

    public Job Job { get; } = job;
    public ClassifierDb Db { get; } = db;

    /// <summary>A folder for this job's checkpoints, the same for every attempt, so a second worker resumes the first's work.</summary>
    public string WorkDirectory { get; } = workDirectory;
    public string? Device { get; } = device;

    /// <summary>What registering a result checks: that the job still runs for this worker.</summary>
    public JobOwnership Ownership => new(Job.Id, Job.WorkerId ?? throw new InvalidOperationException($"Job {Job.Id} was not claimed."));
    public double Progress { get; private set; }
    public string? ProgressText { get; private set; }

    public T Parameters<T>() where T : new() =>
        JsonSerializer.Deserialize<T>(Job.Parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? new T();

    public void ReportProgress(double progress, string? text = null)
    {
        Progress = Math.Clamp(progress, 0, 1);
        ProgressText = text ?? ProgressText;
    }

    /// <summary>Records an event of the job, e.g. <c>context.Emit(new EpochEvent(…))</c>; the heartbeat writes it.</summary>
    public void Emit(JobEventPayload payload) => _events.Enqueue(payload);

    /// <summary>Queues a progress event when progress moved since the last one (the worker calls this per heartbeat and at the end).</summary>
    internal void AnnounceProgress()
    {
        var now = (Progress, ProgressText);
        if (now == _announced) return;
        _announced = now;
        Emit(new ProgressEvent(now.Progress, now.ProgressText));
    }

    /// <summary>The oldest event not yet written; it stays queued until <see cref="EventWritten"/>, so an outage loses none.</summary>
    internal bool TryPeekEvent(out JobEventPayload? next) => _events.TryPeek(out next);

    internal void EventWritten() => _events.TryDequeue(out _);
}
