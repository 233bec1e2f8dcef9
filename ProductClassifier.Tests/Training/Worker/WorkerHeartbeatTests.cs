using ProductClassifier.Training.Worker;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Worker;

/// <summary>The worker's readiness for a container health check: a heartbeat file rewritten while it polls the queue.</summary>
public sealed class WorkerHeartbeatTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-heartbeat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_polling_worker_keeps_its_heartbeat_fresh_and_a_stopped_one_goes_stale()
    {
        var file = Path.Combine(_folder, "worker.heartbeat");
        var before = WorkerHeartbeat.Check(file, TimeSpan.FromSeconds(30));

        await using var host = await TestWorker.StartAsync(database, _folder,
            new Dictionary<string, string?> { ["Worker:PollSeconds"] = "0.1", ["Worker:HeartbeatFile"] = file });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(file) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var written = File.GetLastWriteTimeUtc(file);
        // Polls come every 0.1 s; under load the next may be late, so wait for it rather than a fixed time.
        while (File.GetLastWriteTimeUtc(file) == written && DateTime.UtcNow < deadline) await Task.Delay(50);
        var rewritten = File.GetLastWriteTimeUtc(file);
        var running = WorkerHeartbeat.Check(file, TimeSpan.FromSeconds(30));
        await host.StopAsync();
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
        var stale = WorkerHeartbeat.Check(file, TimeSpan.FromSeconds(30));

        Assert.False(before.Fresh);
        Assert.Contains("no heartbeat yet", before.Report);
        Assert.True(rewritten > written, "the heartbeat is rewritten on every poll");
        Assert.True(running.Fresh, running.Report);
        Assert.False(stale.Fresh);
        Assert.Contains("lost the database or hangs", stale.Report);
    }
}
