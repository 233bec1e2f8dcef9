using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.Jobs;
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
            { id, kinds };
        command.SetAction(async (p, ct) =>
        {
            var connectionString = await CliHost.ConnectionStringAsync(ct);
            using var host = WorkerHost.Build(connectionString, CliHost.Configuration, o =>
            {
                if (p.GetValue(id) is { Length: > 0 } workerId) o.WorkerId = workerId;
                if (p.GetValue(kinds) is { Length: > 0 } list) o.Kinds = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            });
            await host.RunAsync(ct);
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
                Models = p.GetValue(models)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Folds = p.GetValue(folds), Epochs = p.GetValue(epochs),
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
        var cancel = new Command("cancel", "Cancel a queued or running job") { jobId };
        cancel.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            await new JobQueue(db).CancelAsync(p.GetValue(jobId), ct);
            Console.WriteLine($"cancellation requested for job {p.GetValue(jobId)}");
        });
        return new Command("jobs", "The job queue: list, queue a training or a prediction run, cancel") { list, train, predict, cancel };
    }
}
