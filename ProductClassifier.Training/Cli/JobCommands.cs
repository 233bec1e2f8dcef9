using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Training.Worker;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc jobs list|train|predict|open-round|finish-round|cancel</c>: the job queue the workers run.</summary>
internal static class JobCommands
{
    public static Command Create()
    {
        var list = new Command("list", "The latest jobs of the catalogue with status and progress");
        list.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var jobs = await db.Jobs.Where(j => j.CatalogueId == catalogue.Id).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
            var table = new Table().AddColumns("job", "kind", "status", "progress", "worker", "device", "attempts", "created", "note");
            foreach (var j in jobs)
                table.AddRow($"{j.Id}", j.Kind, $"{j.Status}", $"{j.Progress:P0}", j.WorkerId ?? "", j.Device ?? "", $"{j.Attempts}",
                    $"{j.CreatedAt:u}", Markup.Escape(j.Error ?? j.ProgressText ?? ""));
            AnsiConsole.Write(table);
        }));

        var models = new Option<string?>("--models") { Description = "Comma-separated members (default: all)" };
        var folds = new Option<int>("--folds") { Description = "Folds for the meta-learner", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per member" };
        var train = new Command("train", "Queue a training job for the catalogue") { models, folds, epochs };
        train.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var parameters = new TrainJobHandler.Parameters
            {
                Models = CliHost.List(p.GetValue(models)),
                Folds = p.GetValue(folds),
                Epochs = p.GetValue(epochs),
            };
            await QueueAsync(db, catalogue, TrainJobHandler.JobKind, parameters, ct);
        }));

        var predict = new Command("predict", "Queue a predict-all job: score every product with the active model into the predictions table");
        predict.SetAction(CliHost.WithCatalogue((_, db, catalogue, ct) => QueueAsync(db, catalogue, JobKinds.PredictAll, parameters: null, ct)));

        var jobId = new Argument<long>("JOB") { Description = "Job id" };
        var (openRound, finishRound) = (RoundJob(open: true), RoundJob(open: false));
        var cancel = new Command("cancel", "Cancel a queued or running job") { jobId };
        cancel.SetAction(CliHost.WithDatabase(async (p, db, ct) =>
        {
            await new JobQueue(db).CancelAsync(p.GetValue(jobId), ct);
            Console.WriteLine($"cancellation requested for job {p.GetValue(jobId)}");
        }));
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
        RoundJobParameters Parameters(ParseResult p) => new()
        {
            Strategy = QueryStrategyNames.Parse(p.GetValue(strategy)!).ToName(),
            BatchSize = p.GetValue(batch),
            Seed = p.GetValue(seed),
            OverlapFraction = p.GetValue(overlap),
            OpenNext = open || !p.GetValue(noOpenNext),
        };
        command.SetAction(CliHost.WithCatalogue(Parameters, async (p, parameters, db, catalogue, ct) =>
        {
            var job = await QueueAsync(db, catalogue, open ? JobKinds.OpenRound : JobKinds.FineTuneRound, parameters, ct);
            if (p.GetValue(wait)) await WaitAsync(db, job.Id, ct);
        }));
        return command;
    }

    private static async Task<Job> QueueAsync(ClassifierDb db, Catalogue catalogue, string kind, object? parameters, CancellationToken ct)
    {
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, kind,
            parameters is null ? "{}" : JsonSerializer.Serialize(parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);
        Console.WriteLine($"queued job {job.Id} ({job.Kind}) for '{catalogue.Name}'");
        return job;
    }

    /// <summary>Polls the job until it ends, printing its progress text whenever it changes.</summary>
    private static async Task WaitAsync(ClassifierDb db, long jobId, CancellationToken ct)
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
