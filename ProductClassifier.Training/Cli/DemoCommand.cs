using System.CommandLine;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc demo</c>: writes the synthetic demo catalogue as a dataset folder.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var products = new Option<int>("--products") { Description = "Number of products", DefaultValueFactory = _ => DemoDatasetOptions.DefaultProducts };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files", DefaultValueFactory = _ => DemoDatasetOptions.DefaultSeed };
        var output = new Option<string?>("--out") { Description = "Folder to write (default: .data/datasets/demo)" };
        var noImport = new Option<bool>("--no-import") { Description = "Only write the folder; do not (re)create the demo catalogue" };
        var noJobs = new Option<bool>("--no-jobs") { Description = "Import only; do not queue the jobs that featurize, train, predict and open round 1" };

        var command = new Command("demo", "Generate the synthetic demo catalogue as a dataset folder, import it (with its true labels) as catalogue demo, " +
            "and queue what makes it ready to label: featurize, train, predict, open round 1 (a worker runs them; ./run starts one)")
            { products, seed, output, noImport, noJobs };
        command.SetAction(async (ParseResult p, CancellationToken ct) =>
        {
            var folder = p.GetValue(output) ?? ProjectRoot.DataFolder("datasets", DemoDatasetGenerator.CatalogueName);
            var summary = await DemoDatasetGenerator.WriteAsync(folder, new DemoDatasetOptions(p.GetValue(products), p.GetValue(seed)), ct);
            CliHost.Info($"{summary.Products} products, {summary.Images} images, {summary.Categories} categories, {summary.Rules} rules");
            Console.WriteLine(summary.Folder);
            if (!p.GetValue(noImport)) await CliHost.WithDatabase((_, db, ct) => ImportAsync(db, summary.Folder, queueJobs: !p.GetValue(noJobs), ct))(p, ct);
        });
        return command;
    }

    private static async Task ImportAsync(ClassifierDb db, string folder, bool queueJobs, CancellationToken ct)
    {
        var imported = await ImportDatasetCommand.ImportAsync(db, folder, groundTruth: true, null, ct);
        ImportDatasetCommand.Print(imported);
        if (!queueJobs) return;
        db.RoundSettings.Add(new RoundSettings
        {
            CatalogueId = imported.Catalogue.Id,
            BatchSize = FirstStartJobs.Round.BatchSize,
            Strategy = FirstStartJobs.Round.Strategy,
        });
        await db.SaveChangesAsync(ct);
        var job = await JobChain.QueueAsync(db, imported.Catalogue.Id, FirstStartJobs.Steps(), ct);
        CliHost.Info($"queued job {job.Id} ({job.Kind}), then train, predict and open round 1: a worker runs them (see /jobs)");
    }
}
