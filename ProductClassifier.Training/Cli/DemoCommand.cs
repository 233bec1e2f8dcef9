using System.CommandLine;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Demo;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc demo</c>: writes the synthetic demo catalogue as a dataset folder.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var products = new Option<int>("--products") { Description = "Number of products", DefaultValueFactory = _ => DemoDatasetOptions.DefaultProducts };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files", DefaultValueFactory = _ => DemoDatasetOptions.DefaultSeed };
        var output = new Option<string?>("--out") { Description = "Folder to write (default: .data/datasets/demo)" };

        var command = new Command("demo", "Generate the synthetic demo catalogue (dataset folder: dataset.json, products, images, rules)")
            { products, seed, output };
        command.SetAction(async (ParseResult p, CancellationToken ct) =>
        {
            var folder = p.GetValue(output) ?? ProjectRoot.DataFolder("datasets", DemoDatasetGenerator.CatalogueName);
            var summary = await DemoDatasetGenerator.WriteAsync(folder, new DemoDatasetOptions(p.GetValue(products), p.GetValue(seed)), ct);
            CliHost.Info($"{summary.Products} products, {summary.Images} images, {summary.Categories} categories, {summary.Rules} rules");
            // IMPORT HOOK: once DatasetImporter lands, import summary.Folder here (catalogue "demo") unless --no-import.
            Console.WriteLine(summary.Folder);
        });
        return command;
    }
}
