using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// How long a running training takes to stop after Cancel: a worker with the default 1 s heartbeat trains the demo
/// catalogue; each run cancels mid-training (after the first epoch) and times the wait for the Cancelled state.
/// </summary>
internal static class CancelLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(5);
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var folder = Directory.CreateTempSubdirectory("pc-cancel-bench-");
        try
        {
            var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(folder.FullName, "demo"), new DemoDatasetOptions(1000, Seed: 5), ct);
            await using var db = ClassifierDbOptions.Create(database.ConnectionString);
            var catalogue = (await new DatasetImporter(db, new ImageStore(Path.Combine(folder.FullName, "images")))
                .ImportAsync(summary.Folder, true, "cancel-bench", ct: ct)).Catalogue;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:Root"] = Path.Combine(folder.FullName, "models"),
                ["Images:Root"] = Path.Combine(folder.FullName, "images"),
                ["Worker:Device"] = "cpu",
            }).Build();
            using var worker = WorkerHost.Build(database.ConnectionString, configuration);
            await worker.StartAsync(ct);

            var latencies = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.Train,
                    """{"models": ["mlp-tfidf"], "folds": 0, "epochs": 200, "patience": 200, "activate": false}""", ct);
                while (!await db.JobEvents.AnyAsync(e => e.JobId == job.Id && e.Type == JobEventKinds.Epoch, ct)) await Task.Delay(50, ct);
                var clock = Stopwatch.StartNew();
                await new JobQueue(db).CancelAsync(job.Id, ct);
                while (await db.Jobs.AsNoTracking().Where(j => j.Id == job.Id).Select(j => j.Status).SingleAsync(ct) != JobStatus.Cancelled)
                    await Task.Delay(20, ct);
                latencies.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"run {run}: cancelled {clock.Elapsed.TotalSeconds:F2} s after Cancel");
            }
            await worker.StopAsync(ct);
            latencies.Sort();
            Console.WriteLine($"cancel → Cancelled over {runs} runs (heartbeat 1 s, {database.Description}): " +
                $"median {latencies[latencies.Count / 2]:F2} s, max {latencies[^1]:F2} s");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
