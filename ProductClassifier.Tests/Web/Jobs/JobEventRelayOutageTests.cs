using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web.Jobs;

/// <summary>The web app's relay of job events while PostgreSQL is stopped and started again under it.</summary>
public sealed class JobEventRelayOutageTests(RestartablePostgres postgres) : IClassFixture<RestartablePostgres>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-relay-outage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task After_a_database_restart_the_relay_reconnects_and_relays_every_event_once_including_those_stored_meanwhile()
    {
        await using var app = new WebAppFactory(postgres.ConnectionString, Path.Combine(_folder, "images"));
        _ = app.Server; // start the web app and its relay
        var received = new ConcurrentQueue<long>();
        app.Services.GetRequiredService<JobNotifier>().Received += m => received.Enqueue(m.EventId);
        long jobId;
        await using (var db = postgres.Open())
        {
            var catalogue = await CatalogueStore.GetOrCreateAsync(db, "relay");
            jobId = (await new JobQueue(db).EnqueueAsync(catalogue.Id, "train")).Id; // the Queued status event
        }
        await WaitUntilAsync(() => !received.IsEmpty);

        postgres.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartAsync();
        // Stored at once, most likely before the relay listens again: nobody is there to hear its announcement.
        await using (var db = postgres.Open())
            for (var epoch = 1; epoch <= 3; epoch++)
                await new JobEvents(db).AddAsync(jobId, new EpochEvent("linear", epoch, 3, 0.5f, TimeSpan.FromSeconds(1)));
        await WaitUntilAsync(() => received.Count >= 4);
        await using (var db = postgres.Open())
            await new JobEvents(db).AddAsync(jobId, new ProgressEvent(0.5, "after"));
        await WaitUntilAsync(() => received.Count >= 5);

        await using var check = postgres.Open();
        var stored = check.JobEvents.Where(e => e.JobId == jobId).OrderBy(e => e.Id).Select(e => e.Id).ToList();
        Assert.Equal(stored, received.Order());
    }

    private static async Task WaitUntilAsync(Func<bool> reached)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!reached())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {Generous}");
            await Task.Delay(100);
        }
    }
}
