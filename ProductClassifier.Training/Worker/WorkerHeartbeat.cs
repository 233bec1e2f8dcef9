using Microsoft.Extensions.Options;

namespace ProductClassifier.Training.Worker;

/// <summary>
/// The worker's readiness where a container's health check can see it: a file (<c>Worker:HeartbeatFile</c>) rewritten
/// after every round trip to the queue that succeeded, each poll while idle and each heartbeat while a job runs;
/// <c>pc worker health</c> reads its age. A file rather than a row in a workers table: the check runs inside the
/// worker's own container with no database client, and a stale file tells what a stale row would (the worker lost
/// Postgres, or hangs) without another table or migration; the queue already knows a running job's worker by its
/// heartbeats in Postgres.
/// </summary>
public sealed class WorkerHeartbeat(IOptions<WorkerOptions> options)
{
    private readonly string? _path = options.Value.HeartbeatFile;

    public void Beat()
    {
        if (string.IsNullOrEmpty(_path)) return;
        try
        {
            File.WriteAllText(_path, DateTime.UtcNow.ToString("O"));
        }
        catch (IOException)
        {
            // A full or read-only disk shows as a stale heartbeat, which is the report wanted.
        }
    }

    /// <summary>Whether the file was written within <paramref name="maxAge"/>, and what to say either way.</summary>
    public static (bool Fresh, string Report) Check(string? path, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(path)) return (false, "Worker:HeartbeatFile is not set: the worker writes no heartbeat to check.");
        if (!File.Exists(path)) return (false, $"no heartbeat yet at {path}: the worker has not reached the queue.");
        var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
        return age <= maxAge
            ? (true, $"heartbeat {age.TotalSeconds:F0}s ago")
            : (false, $"last heartbeat {age.TotalSeconds:F0}s ago, more than {maxAge.TotalSeconds:F0}s: the worker lost the database or hangs.");
    }
}
