using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Worker;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Worker;

/// <summary>A worker against a PostgreSQL server that is stopped and started again under it, as <c>./pc db stop; ./pc db start</c> does.</summary>
public sealed class WorkerOutageTests(RestartablePostgres postgres) : IClassFixture<RestartablePostgres>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-outage-worker-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_worker_rides_out_database_restarts_while_idle_and_while_training_and_loses_no_event()
    {
        var catalogue = await DemoCatalogueAsync();
        await using var host = await TestWorker.StartAsync(postgres, _folder);
        // Idle: the claim loop meets a refused connection on every poll.
        await Task.Delay(TimeSpan.FromSeconds(1));
        postgres.Stop();
        await Task.Delay(Outage);
        await postgres.StartAsync();

        long jobId;
        await using (var db = postgres.Open())
            jobId = (await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
                """{"models": ["fasttext"], "folds": 0, "epochs": 150, "patience": 1000}""")).Id;
        await WaitForAsync(async db => (await EpochsAsync(db, jobId)).DefaultIfEmpty(0).Max() >= 2);

        // Training: the heartbeat and event writes fail for the outage's length while the job goes on.
        postgres.Stop();
        await Task.Delay(Outage);
        await postgres.StartAsync();
        await WaitForAsync(async db => await db.Jobs.AnyAsync(j => j.Id == jobId && j.Status != JobStatus.Queued && j.Status != JobStatus.Running));

        await using var check = postgres.Open();
        var job = await check.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.True((await check.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id)).IsActive);
        // Every epoch reported once per attempt, none lost to the outage.
        var events = await check.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Id).ToListAsync();
        var firstAttempt = events.TakeWhile(e => JobEventJson.Read(e.Type, e.Payload) is not StatusEvent { Attempt: 2 })
            .Select(e => JobEventJson.Read(e.Type, e.Payload)).OfType<EpochEvent>().Select(e => e.Epoch).ToList();
        Assert.Equal(Enumerable.Range(1, firstAttempt.Count), firstAttempt);
        Assert.Equal(150, (await EpochsAsync(check, jobId)).Max());
        Assert.Equal(JobEventKinds.Status, events[^1].Type);
        Assert.Null(host.Services.GetServices<IHostedService>().OfType<JobWorker>().Single().ExecuteTask?.Exception);
    }

    private static async Task<List<int>> EpochsAsync(ClassifierDb db, long jobId) =>
        (await db.JobEvents.Where(e => e.JobId == jobId && e.Type == JobEventKinds.Epoch).Select(e => e.Payload).ToListAsync())
            .Select(p => ((EpochEvent)JobEventJson.Read(JobEventKinds.Epoch, p)!).Epoch).ToList();

    private async Task WaitForAsync(Func<ClassifierDb, Task<bool>> reached)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            await using (var db = postgres.Open())
                if (await reached(db)) return;
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {Generous}");
            await Task.Delay(200);
        }
    }

    private async Task<Catalogue> DemoCatalogueAsync()
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "demo"), new DemoDatasetOptions(250, Seed: 2));
        await using var db = postgres.Open();
        return (await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images"))).ImportAsync(summary.Folder, true, "outage")).Catalogue;
    }
}
