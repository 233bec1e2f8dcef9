using System.CommandLine;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Jobs;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc import-dataset DIR [--ground-truth]</c>: a data set folder becomes a catalogue.</summary>
internal static class ImportDatasetCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder with a dataset.json" };
        var groundTruth = new Option<bool>("--ground-truth")
        { Description = "Also load its true labels as reference labels (evaluation and simulation only, never training)" };
        var command = new Command("import-dataset",
            "Create or replace the catalogue a dataset folder describes: taxonomy, products, images, rules (applied), true labels")
            { folder, groundTruth };
        command.SetAction(CliHost.WithDatabase(async (p, db, ct) =>
        {
            var result = await ImportAsync(db, p.GetValue(folder)!, p.GetValue(groundTruth), p.GetValue(CliHost.CatalogueOption), ct);
            Print(result);
            var job = await JobChain.QueueAsync(db, result.Catalogue.Id, [new JobStep(JobKinds.Featurize)], ct);
            CliHost.Info($"queued job {job.Id} ({job.Kind}): a worker computes the image and sentence features (or run ./pc featurize)");
        }));
        return command;
    }

    /// <summary>Runs an import with progress bars on the terminal (also used by <c>./pc demo</c>).</summary>
    public static Task<DatasetImportResult> ImportAsync(Core.Data.ClassifierDb db, string folder, bool groundTruth,
        string? catalogueName, CancellationToken ct) =>
        CliHost.ProgressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                ProgressTask Stage(string name)
                {
                    foreach (var other in tasks.Values.Where(t => !t.IsFinished)) other.Value = other.MaxValue;
                    return tasks.TryGetValue(name, out var task) ? task : tasks[name] = context.AddTask(name, maxValue: 1);
                }
                var stages = new InlineProgress<DatasetImportProgress>(update =>
                {
                    var task = tasks.GetValueOrDefault(update.Stage) ?? Stage(update.Stage);
                    if (update.Total > 0) { task.MaxValue = update.Total; task.Value = update.Done; }
                });
                var ingest = new InlineProgress<IngestProgress>(update =>
                {
                    var task = tasks["products"];
                    task.MaxValue = Math.Max(1, update.TotalBytes);
                    task.Value = update.BytesRead;
                    task.Description = $"products ({update.RowsRead:N0})";
                });
                // Replacing a catalogue: its old models and similarity index go with it.
                await CliHost.DeleteCatalogueFilesAsync(catalogueName ?? DatasetDescriptor.Load(folder).Name, ct);
                var result = await new DatasetImporter(db, ImageStore.FromConfiguration(CliHost.Configuration))
                    .ImportAsync(folder, groundTruth, catalogueName, stages, ingest, ct);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
                return result;
            });

    public static void Print(DatasetImportResult result)
    {
        var products = result.Products;
        Console.WriteLine($"catalogue '{result.Catalogue.Name}': {products.Inserted:N0} products ({products.Rejected:N0} rejected), " +
            $"{result.Images:N0} images ({result.MissingImages:N0} missing), {result.Categories:N0} categories, " +
            $"{result.Rules:N0} rules ({result.RuleLabels:N0} rule labels), {result.ReferenceLabels:N0} reference labels");
        if (products.RejectFile is not null) Console.WriteLine($"rejected rows: {products.RejectFile}");
    }
}
