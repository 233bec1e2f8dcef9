using System.Net.Sockets;
using Npgsql;

namespace ProductClassifier.Core.Data;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, refusing connections, the connection cut) from a
/// statement that failed on its own merits, and retries through the former: long-running loops and pages ride out a
/// restart instead of failing. After a restart Npgsql empties its pool on the first broken connection, so one retry
/// usually finds a fresh one.
/// </summary>
public static class DatabaseOutage
{
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or SocketException) return true;
        return false;
    }

    /// <summary>Runs <paramref name="operation"/> until it gets through an outage; other failures and cancellation end it.</summary>
    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, Action<Exception, TimeSpan>? retrying,
        CancellationToken ct)
    {
        var backoff = Backoff.ForDatabase();
        while (true)
        {
            try
            {
                return await operation(ct);
            }
            catch (Exception e) when (IsOutage(e) && !ct.IsCancellationRequested)
            {
                var pause = backoff.Next();
                retrying?.Invoke(e, pause);
                await Task.Delay(pause, ct);
            }
        }
    }

    public static Task RetryAsync(Func<CancellationToken, Task> operation, Action<Exception, TimeSpan>? retrying, CancellationToken ct) =>
        RetryAsync(async token => { await operation(token); return true; }, retrying, ct);
}
