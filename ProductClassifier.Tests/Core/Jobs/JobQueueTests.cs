using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Jobs;

public sealed class JobQueueTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<int> CatalogueAsync()
    {
        await using var db = database.Open();
        return (await CatalogueStore.GetOrCreateAsync(db, "jobs-" + Guid.NewGuid())).Id;
    }

    [Fact]
    public async Task Concurrent_workers_never_claim_the_same_job()
    {
        var catalogue = await CatalogueAsync();
        await using (var db = database.Open())
            for (var i = 0; i < 40; i++) await new JobQueue(db).EnqueueAsync(catalogue, "train-" + catalogue);

        var connected = Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            await using var db = database.Open();
            await db.Database.OpenConnectionAsync();
            connected[w].SetResult();
            await go.Task; // all connected before any claims, so no worker drains the queue while others connect
            while (await new JobQueue(db).ClaimAsync($"worker-{w}", ["train-" + catalogue]) is { } job)
            {
                mine.Add(job.Id);
                await Task.Delay(5); // running the job
            }
            return mine;
        })).ToList();
        await Task.WhenAll(connected.Select(c => c.Task));
        go.SetResult();
        await Task.WhenAll(claims);

        var all = claims.SelectMany(c => c.Result).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct().Count());
        Assert.True(claims.Count(c => c.Result.Count > 0) > 1, "several workers should have shared the queue");
    }

    [Fact]
    public async Task A_job_whose_worker_goes_quiet_is_requeued_then_failed_past_the_limit()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var queue = new JobQueue(db);
        var kind = "stale-" + catalogue;
        var job = await queue.EnqueueAsync(catalogue, kind);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(job.Id, (await queue.ClaimAsync("dying", [kind]))!.Id);
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, DateTime.UtcNow.AddMinutes(-10)));
            await queue.RecoverStaleAsync(TimeSpan.FromMinutes(1), maxAttempts: 2);
            var status = await db.Jobs.Where(j => j.Id == job.Id).Select(j => j.Status).SingleAsync();
            Assert.Equal(attempt < 2 ? JobStatus.Queued : JobStatus.Failed, status);
        }
        var failed = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
        Assert.Contains("stopped heartbeating", failed.Error);
    }

    [Fact]
    public async Task Cancelling_a_running_job_is_seen_at_its_next_heartbeat()
    {
        var catalogue = await CatalogueAsync();
        await using var db = database.Open();
        var queue = new JobQueue(db);
        var kind = "cancel-" + catalogue;
        var running = await queue.EnqueueAsync(catalogue, kind);
        await queue.ClaimAsync("w", [kind]);
        var queued = await queue.EnqueueAsync(catalogue, kind);

        Assert.Equal(JobHeartbeat.Running, await queue.HeartbeatAsync(running.Id, "w", 0.5, "epoch 1"));
        await queue.CancelAsync(running.Id);
        await queue.CancelAsync(queued.Id);

        Assert.Equal(JobHeartbeat.CancelRequested, await queue.HeartbeatAsync(running.Id, "w"));
        Assert.Equal(JobStatus.Cancelled, await db.Jobs.Where(j => j.Id == queued.Id).Select(j => j.Status).SingleAsync());
        await queue.FinishAsync(running.Id, "w", JobStatus.Cancelled);
        var done = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == running.Id);
        Assert.Equal((JobStatus.Cancelled, 0.5, "epoch 1"), (done.Status, done.Progress, done.ProgressText));
    }
}
