using System.Diagnostics;
using Npgsql;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Wall-clock time of a piece of work, with the CPU time it took in this process and in its database backend
/// (read from /proc when the server runs on this machine): CPU seconds stay meaningful on a busy machine.
/// </summary>
internal sealed record Measurement(double Wall, double ClientCpu, double? ServerCpu)
{
    public static async Task<Measurement> TakeAsync(NpgsqlConnection connection, Func<Task> work, CancellationToken ct)
    {
        await using var pidCommand = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await pidCommand.ExecuteScalarAsync(ct))!;
        var (client, server) = (Process.GetCurrentProcess().TotalProcessorTime, BackendCpu(backend));
        var clock = Stopwatch.StartNew();
        await work();
        var wall = clock.Elapsed.TotalSeconds;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - client).TotalSeconds;
        return new Measurement(wall, clientCpu, BackendCpu(backend) - server);
    }

    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        var middle = runs.Count / 2;
        return new Measurement(runs.Select(r => r.Wall).Order().ElementAt(middle), runs.Select(r => r.ClientCpu).Order().ElementAt(middle),
            runs.All(r => r.ServerCpu is not null) ? runs.Select(r => r.ServerCpu!.Value).Order().ElementAt(middle) : null);
    }

    /// <summary>utime + stime of a local process in seconds (Linux clock ticks are 1/100 s).</summary>
    private static double? BackendCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }
}
