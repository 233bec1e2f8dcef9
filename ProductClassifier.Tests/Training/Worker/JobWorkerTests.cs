using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;
using ProductClassifier.Training.Worker;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Worker;

public sealed class JobWorkerTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-worker-").FullName;
    private readonly List<string> _childOutput = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_train_job_runs_reports_and_registers_an_active_version()
    {
        var catalogue = await DemoCatalogueAsync("worker-train");
        await using var db = database.Open();
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
            """{"models": ["linear", "wide-deep"], "folds": 0, "epochs": 3}""");

        await using var host = await StartWorkerAsync();
        var done = await WaitForAsync(db, job.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        Assert.Equal("cpu", done.Device);
        Assert.Equal(1, done.Progress);
        var version = await db.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id);
        Assert.True(version.IsActive);
        var types = await db.JobEvents.Where(e => e.JobId == job.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Contains(JobEventKinds.Epoch, types);
        Assert.Contains(JobEventKinds.Evaluation, types);
        Assert.Equal(JobEventKinds.Status, types[^1]);

        // New products arriving with an active model get a predict job by themselves; the worker scores them.
        var changed = await db.Products.Where(p => p.CatalogueId == catalogue.Id).OrderBy(p => p.Id).Select(p => p.Id).Take(30).ToListAsync();
        var predict = await JobKinds.QueuePredictionsAsync(db, catalogue, changed);
        Assert.NotNull(predict);
        var predicted = await WaitForAsync(db, predict.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);
        Assert.True(predicted.Status == JobStatus.Succeeded, predicted.Error);
        var rows = await db.Predictions.Where(p => changed.Contains(p.ProductId)).ToListAsync();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(version.Id, r.ModelVersionId));
        Assert.Contains(rows, r => r.Categories.Contains("probability"));
    }

    [Fact]
    public async Task A_fine_tune_round_job_closes_the_round_with_a_new_version_and_opens_the_next()
    {
        var catalogue = await DemoCatalogueAsync("worker-round");
        await using var db = database.Open();
        var models = new ModelStore(Path.Combine(_folder, "models"));
        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null);
        await new VersionTrainer(db, models, new NullMetricsSink(), null).TrainAsync(catalogue, corpus,
            new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear"], Folds = 0, Epochs = 2 }, true,
            Path.Combine(_folder, "checkpoints"), CancellationToken.None);
        var round = await new LabellingRounds(db, models, c => CorpusLoader.FromDatabaseAsync(db, c, _ => null), _ => null, new NullMetricsSink())
            .OpenAsync(catalogue, QueryStrategy.Uncertainty, 10, 1, CancellationToken.None);
        foreach (var item in await db.BatchItems.Where(i => i.BatchId == round.Id).ToListAsync())
            db.LabelDecisions.Add(new LabelDecision
            {
                ProductId = item.ProductId,
                Labeller = "test",
                BatchId = round.Id,
                PositiveCategoryIds = await db.ReferenceLabels.Where(l => l.ProductId == item.ProductId).Select(l => l.CategoryId).ToArrayAsync()
            });
        await db.SaveChangesAsync();
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.FineTuneRound, """{"batchSize": 10}""");

        await using var host = await StartWorkerAsync();
        var done = await WaitForAsync(db, job.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        // The row keeps the job's last word, not the text of its last heartbeat.
        Assert.Matches(@"^round 1 → model v2; round 2 open; predictions in job \d+$", done.ProgressText);
        var rounds = await db.LabellingBatches.AsNoTracking().Where(b => b.CatalogueId == catalogue.Id).OrderBy(b => b.Round).ToListAsync();
        Assert.Equal(2, rounds.Count);
        Assert.NotNull(rounds[0].ResultVersionId);
        Assert.Null(rounds[1].ResultVersionId);
        Assert.True((await db.ModelVersions.SingleAsync(v => v.Id == rounds[0].ResultVersionId)).IsActive);
        // The new version's categories for every product: a predict-all job follows.
        Assert.True(await db.Jobs.AnyAsync(j => j.CatalogueId == catalogue.Id && j.Kind == JobKinds.PredictAll && j.Id > job.Id));
        // The next round's products show the new version's suggestions at once.
        var next = await db.BatchItems.Where(i => i.BatchId == rounds[1].Id).Select(i => i.ProductId).ToListAsync();
        Assert.Equal(next.Count, await db.Predictions.CountAsync(p => next.Contains(p.ProductId) && p.ModelVersionId == rounds[0].ResultVersionId));
    }

    [Fact]
    public async Task A_fine_tune_job_told_not_to_open_the_next_round_only_closes_this_one()
    {
        var catalogue = await DemoCatalogueAsync("worker-round-only");
        await using var db = database.Open();
        var models = new ModelStore(Path.Combine(_folder, "models"));
        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null);
        await new VersionTrainer(db, models, new NullMetricsSink(), null).TrainAsync(catalogue, corpus,
            new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear"], Folds = 0, Epochs = 2 }, true,
            Path.Combine(_folder, "checkpoints-only"), CancellationToken.None);
        var open = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.OpenRound, """{"strategy": "random", "batchSize": 8, "overlapFraction": 0.5}""");
        await using (var first = await StartWorkerAsync())
            Assert.True((await WaitForAsync(db, open.Id, s => s is JobStatus.Succeeded or JobStatus.Failed)).Status == JobStatus.Succeeded);
        var round = await db.LabellingBatches.AsNoTracking().SingleAsync(b => b.CatalogueId == catalogue.Id);
        Assert.Equal((1, "random", 0.5), (round.Round, round.Strategy, round.OverlapFraction));
        foreach (var item in await db.BatchItems.Where(i => i.BatchId == round.Id).ToListAsync())
            db.LabelDecisions.Add(new LabelDecision
            {
                ProductId = item.ProductId,
                Labeller = "test",
                BatchId = round.Id,
                PositiveCategoryIds = await db.ReferenceLabels.Where(l => l.ProductId == item.ProductId).Select(l => l.CategoryId).ToArrayAsync()
            });
        await db.SaveChangesAsync();

        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.FineTuneRound, """{"openNext": false}""");
        await using var host = await StartWorkerAsync();
        var done = await WaitForAsync(db, job.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        var rounds = await db.LabellingBatches.AsNoTracking().Where(b => b.CatalogueId == catalogue.Id).ToListAsync();
        Assert.NotNull(Assert.Single(rounds).ResultVersionId);
    }

    [Fact]
    public async Task Cancelling_a_running_training_stops_it_and_leaves_the_active_model_alone()
    {
        var catalogue = await DemoCatalogueAsync("worker-cancel");
        await using var db = database.Open();
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
            """{"models": ["textcnn"], "folds": 0, "epochs": 500, "patience": 1000}""");

        await using var host = await StartWorkerAsync();
        await WaitForAsync(db, job.Id, s => s == JobStatus.Running);
        await new JobQueue(db).CancelAsync(job.Id);
        var done = await WaitForAsync(db, job.Id, s => s is not JobStatus.Running and not JobStatus.Queued);

        Assert.Equal(JobStatus.Cancelled, done.Status);
        Assert.False(await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id));
    }

    [Fact]
    public async Task A_worker_whose_job_was_taken_from_it_stops_that_job_at_once_and_registers_nothing()
    {
        var catalogue = await DemoCatalogueAsync("worker-taken");
        await using var db = database.Open();
        var queue = new JobQueue(db);
        var taken = await queue.EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
            """{"models": ["textcnn"], "folds": 0, "epochs": 500, "patience": 1000}""");

        await using var host = await StartWorkerAsync();
        await WaitForAsync(db, taken.Id, s => s == JobStatus.Running);
        // As if the worker had gone quiet: the job was recovered and another worker claimed it.
        await db.Jobs.Where(j => j.Id == taken.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.WorkerId, "usurper"));
        try
        {
            // The worker is free again only once it dropped the taken job: then it trains this one.
            var next = await queue.EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind, """{"models": ["linear"], "folds": 0, "epochs": 2}""");
            var done = await WaitForAsync(db, next.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);

            Assert.True(done.Status == JobStatus.Succeeded, done.Error);
            var stillTaken = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == taken.Id);
            Assert.Equal((JobStatus.Running, "usurper"), (stillTaken.Status, stillTaken.WorkerId));
            var version = await db.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id);
            Assert.True(version.IsActive);
        }
        finally
        {
            // The usurper ends it, or a worker of a later test would find it stale and take it up.
            await queue.FinishAsync(taken.Id, "usurper", JobStatus.Cancelled);
        }
    }

    [Fact]
    public async Task A_killed_worker_process_job_resumes_from_its_checkpoint_in_another_worker()
    {
        var catalogue = await DemoCatalogueAsync("worker-kill");
        await using var db = database.Open();
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
            """{"models": ["fasttext"], "folds": 0, "epochs": 200, "patience": 1000}""");

        using (var child = StartWorkerProcess())
        {
            try
            {
                // Wait until the child has checkpointed at least two epochs, then kill it without warning.
                var deadline = DateTime.UtcNow + Generous;
                while ((await EpochsAsync(db, job.Id)).DefaultIfEmpty(0).Max() < 2)
                {
                    Assert.False(child.HasExited, "the worker process exited early: " + string.Join("\n", _childOutput.TakeLast(20)));
                    Assert.True(DateTime.UtcNow < deadline, "the worker process did not get through two epochs");
                    await Task.Delay(100);
                }
            }
            finally
            {
                // Killed whether or not the wait succeeded: a worker that outlived a failed assertion kept retrying
                // its vanished database, in the background, long after the test run had ended.
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }
        Assert.False(await db.ModelVersions.AnyAsync(v => v.CatalogueId == catalogue.Id));

        await using var host = await StartWorkerAsync(staleAfterSeconds: 1);
        var done = await WaitForAsync(db, job.Id, s => s is JobStatus.Succeeded or JobStatus.Failed);

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        Assert.Equal(2, done.Attempts);
        Assert.True((await db.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id)).IsActive);
        // The second attempt's first epoch continues where the checkpoint left off instead of starting at 1.
        var events = await db.JobEvents.Where(e => e.JobId == job.Id).OrderBy(e => e.Id).ToListAsync();
        var secondStart = events.FindLastIndex(e => JobEventJson.Read(e.Type, e.Payload) is StatusEvent { Attempt: 2 });
        Assert.True(secondStart >= 0);
        Assert.True(events.Skip(secondStart).Select(e => JobEventJson.Read(e.Type, e.Payload)).OfType<EpochEvent>().First().Epoch > 2);
    }

    private static async Task<List<int>> EpochsAsync(ClassifierDb db, long jobId) =>
        (await db.JobEvents.Where(e => e.JobId == jobId && e.Type == JobEventKinds.Epoch).Select(e => e.Payload).ToListAsync())
            .Select(p => ((EpochEvent)JobEventJson.Read(JobEventKinds.Epoch, p)!).Epoch).ToList();

    private System.Diagnostics.Process StartWorkerProcess()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ProductClassifier.Training.dll"), "worker", "--id", "doomed"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["Models__Root"] = Path.Combine(_folder, "models"),
                ["Images__Root"] = Path.Combine(_folder, "images"),
                ["Worker__HeartbeatSeconds"] = "0.2",
                ["Worker__PollSeconds"] = "0.2",
                ["Worker__Device"] = "cpu",
                ["PRODUCTCLASSIFIER_ROOT"] = _folder,
            },
        };
        var process = System.Diagnostics.Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_childOutput) _childOutput.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_childOutput) _childOutput.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<Catalogue> DemoCatalogueAsync(string name)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, name), new DemoDatasetOptions(250, Seed: 2));
        await using var db = database.Open();
        return (await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images"))).ImportAsync(summary.Folder, true, name)).Catalogue;
    }

    private Task<TestWorker> StartWorkerAsync(double staleAfterSeconds = 30) =>
        TestWorker.StartAsync(database, _folder, new Dictionary<string, string?>
        {
            ["Worker:StaleAfterSeconds"] = staleAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task<Job> WaitForAsync(ClassifierDb db, long jobId, Func<JobStatus, bool> reached)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            if (reached(job.Status)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {jobId} still {job.Status} after {Generous}");
            await Task.Delay(200);
        }
    }
}
