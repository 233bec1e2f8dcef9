using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Training.Worker;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc worker</c> (run jobs) and <c>./pc jobs list|train|cancel</c> (the queue).</summary>
internal static class WorkerCommands
{
    public static IEnumerable<Command> Create() => [Worker(), Jobs()];

    private static Command Worker()
    {
        var id = new Option<string?>("--id") { Description = "Worker id (default: host-pid)" };
        var kinds = new Option<string?>("--kinds") { Description = "Comma-separated job kinds to take (default: all)" };
        var command = new Command("worker", "Run jobs from the Postgres queue until stopped; start any number, on any machine that reaches the database")
            { id, kinds, Health() };
        command.SetAction(async (p, ct) =>
        {
            var connectionString = await CliHost.ConnectionStringAsync(ct);
            using var host = WorkerHost.Build(connectionString, CliHost.Configuration, o =>
            {
                if (p.GetValue(id) is { Length: > 0 } workerId) o.WorkerId = workerId;
                if (p.GetValue(kinds) is { Length: > 0 } list) o.Kinds = CliHost.List(list);
            });
            await host.RunAsync(ct);
        });
        return command;
    }

    /// <summary><c>pc worker health</c>: a container's health check of the worker beside it, by its heartbeat file.</summary>
    private static Command Health()
    {
        var maxAge = new Option<TimeSpan?>("--max-age") { Description = "Oldest heartbeat that still counts (default: Worker:StaleAfterSeconds)" };
        var command = new Command("health", "Exit 0 when this machine's worker wrote its heartbeat file (Worker:HeartbeatFile) recently, else 1") { maxAge };
        command.SetAction(p =>
        {
            var options = CliHost.Configuration.GetSection("Worker").Get<WorkerOptions>() ?? new WorkerOptions();
            var (fresh, report) = WorkerHeartbeat.Check(options.HeartbeatFile, p.GetValue(maxAge) ?? TimeSpan.FromSeconds(options.StaleAfterSeconds));
            (fresh ? Console.Out : Console.Error).WriteLine(report);
            return fresh ? 0 : 1;
        });
        return command;
    }

    private static Command Jobs()
    {
        var list = new Command("list", "The latest jobs of the catalogue with status and progress");
        list.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            var catalogue = await CliHost.CatalogueAsync(db, p, ct);
            var jobs = await db.Jobs.Where(j => j.CatalogueId == catalogue.Id).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
            var table = new Table().AddColumns("job", "kind", "status", "progress", "worker", "device", "attempts", "created", "note");
            foreach (var j in jobs)
                table.AddRow($"{j.Id}", j.Kind, $"{j.Status}", $"{j.Progress:P0}", j.WorkerId ?? "", j.Device ?? "", $"{j.Attempts}",
                    $"{j.CreatedAt:u}", Markup.Escape(j.Error ?? j.ProgressText ?? ""));
            AnsiConsole.Write(table);
        });

        var models = new Option<string?>("--models") { Description = "Comma-separated members (default: all)" };
        var folds = new Option<int>("--folds") { Description = "Folds for the meta-learner", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per member" };
        var train = new Command("train", "Queue a training job for the catalogue") { models, folds, epochs };
        train.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            var catalogue = await CliHost.CatalogueAsync(db, p, ct);
            var parameters = new TrainJobHandler.Parameters
            {
                Models = CliHost.List(p.GetValue(models)),
                Folds = p.GetValue(folds),
                Epochs = p.GetValue(epochs),
            };
            var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
                JsonSerializer.Serialize(parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);
            Console.WriteLine($"queued job {job.Id} ({job.Kind}) for '{catalogue.Name}'");
        });

        var predict = new Command("predict", "Queue a predict-all job: score every product with the active model into the predictions table");
        predict.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            var catalogue = await CliHost.CatalogueAsync(db, p, ct);
            var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.PredictAll, ct: ct);
            Console.WriteLine($"queued job {job.Id} ({job.Kind}) for '{catalogue.Name}'");
        });

        var jobId = new Argument<long>("JOB") { Description = "Job id" };
        var (openRound, finishRound) = (RoundJob(open: true), RoundJob(open: false));
        var cancel = new Command("cancel", "Cancel a queued or running job") { jobId };
        cancel.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            await new JobQueue(db).CancelAsync(p.GetValue(jobId), ct);
            Console.WriteLine($"cancellation requested for job {p.GetValue(jobId)}");
        });
        return new Command("jobs", "The job queue: list, queue a training, a prediction run or a labelling round's jobs, cancel")
            { list, train, predict, openRound, finishRound, cancel };
    }

    /// <summary><c>jobs open-round</c> and <c>jobs finish-round</c>: the jobs the /rounds page queues, optionally waited for.</summary>
    private static Command RoundJob(bool open)
    {
        var strategy = new Option<string>("--strategy") { Description = "random, uncertainty, disagreement or uncertainty-disagreement", DefaultValueFactory = _ => "uncertainty-disagreement" };
        var batch = new Option<int>("--batch") { Description = "Products per batch", DefaultValueFactory = _ => RoundSettings.DefaultBatchSize };
        var seed = new Option<int>("--seed") { Description = "The rounds' base seed", DefaultValueFactory = _ => 1 };
        var overlap = new Option<double?>("--overlap") { Description = "Share of the batch two labellers decide (default: the Labelling:OverlapFraction setting)" };
        var noOpenNext = new Option<bool>("--no-open-next") { Description = "Only finish the round; do not open the next one" };
        var wait = new Option<bool>("--wait") { Description = "Wait until a worker has run the job, printing its progress; fail when the job fails" };
        var command = open
            ? new Command("open-round", "Queue an open-round job: a worker picks the next labelling batch with the active model") { strategy, batch, seed, overlap, wait }
            : new Command("finish-round", "Queue a fine-tune-round job: a worker fine-tunes on the open round's labels, activates the new version, " +
                "opens the next round (its strategy, batch and seed from these options) and queues predictions") { strategy, batch, seed, overlap, noOpenNext, wait };
        command.SetAction(async (p, ct) =>
        {
            var parameters = new RoundJobParameters
            {
                Strategy = QueryStrategyNames.Parse(p.GetValue(strategy)!).ToName(),
                BatchSize = p.GetValue(batch),
                Seed = p.GetValue(seed),
                OverlapFraction = p.GetValue(overlap),
                OpenNext = open || !p.GetValue(noOpenNext),
            };
            await using var db = await CliHost.OpenAsync(ct);
            var catalogue = await CliHost.CatalogueAsync(db, p, ct);
            var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, open ? JobKinds.OpenRound : JobKinds.FineTuneRound,
                JsonSerializer.Serialize(parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);
            Console.WriteLine($"queued job {job.Id} ({job.Kind}) for '{catalogue.Name}'");
            if (p.GetValue(wait)) await WaitAsync(db, job.Id, ct);
        });
        return command;
    }

    /// <summary>Polls the job until it ends, printing its progress text whenever it changes.</summary>
    private static async Task WaitAsync(Core.Data.ClassifierDb db, long jobId, CancellationToken ct)
    {
        string? shown = null;
        while (true)
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
            if (job.ProgressText is { } text && text != shown) CliHost.Info($"[{DateTime.Now:HH:mm:ss}] job {jobId}: {job.Progress:P0} {shown = text}");
            switch (job.Status)
            {
                case JobStatus.Succeeded:
                    Console.WriteLine($"job {jobId} succeeded in {(job.FinishedAt - job.StartedAt)?.TotalSeconds:F0} s: {job.ProgressText}");
                    return;
                case JobStatus.Failed or JobStatus.Cancelled:
                    throw new Core.UserFacingException($"job {jobId} {job.Status.ToString().ToLowerInvariant()}: {job.Error ?? job.ProgressText}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
