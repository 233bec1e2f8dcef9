using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// The real worker process's host (<see cref="WorkerHost"/>) as every test starts it: on the test's database, on the
/// CPU, polling and beating every 0.2 s, its models and images under the test's folder. Disposing it stops it first,
/// so no worker outlives its test and claims the next test's jobs.
/// </summary>
public sealed class TestWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestWorker(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <param name="settings">Settings to add or override (<c>Worker:StaleAfterSeconds</c>, <c>Similarity:Folder</c>, …).</param>
    public static async Task<TestWorker> StartAsync(IDatabaseUnderTest database, string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Models:Root"] = Path.Combine(folder, "models"),
            ["Images:Root"] = Path.Combine(folder, "images"),
            ["Worker:PollSeconds"] = "0.2",
            ["Worker:HeartbeatSeconds"] = "0.2",
            ["Worker:Device"] = "cpu",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var worker = new TestWorker(WorkerHost.Build(database.ConnectionString, new ConfigurationBuilder().AddInMemoryCollection(values).Build()));
        await worker._host.StartAsync();
        return worker;
    }

    /// <summary>Stops the worker before the test ends (to look at what it left behind).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped) await _host.StopAsync();
        _host.Dispose();
    }
}
