using System.CommandLine;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc featurize</c>: image (ResNet18) and sentence (MiniLM) features of every product, cached.</summary>
internal static class FeaturizeCommand
{
    public static Command Create()
    {
        var command = new Command("featurize",
            "Compute the pretrained image (ResNet18, 512-d) and text (MiniLM, 384-d) features of the catalogue's products; cached, so reruns skip them");
        command.SetAction(async (p, ct) =>
        {
            await using var db = await CliHost.OpenAsync(ct);
            var catalogue = await CliHost.CatalogueAsync(db, p, ct);
            var corpus = await CliHost.CorpusAsync(db, catalogue, ct);
            var started = DateTime.UtcNow;
            var results = await CliHost.ProgressConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    using var pretrained = CliHost.PretrainedFeatures(catalogue.Name, new FeaturizeBar(context));
                    return await pretrained.ComputeAsync(corpus.Products, ct);
                });
            foreach (var block in results)
                Console.WriteLine($"{block.Block}: {block.Rows.Count:N0} products, {block.Computed:N0} computed, {block.FromCache:N0} from the cache" +
                    (block.PresentBlock is null ? "" : $", {block.Present.Values.Count(v => v == 0):N0} without a usable input"));
            CliHost.Info($"done in {(DateTime.UtcNow - started).TotalSeconds:F0}s");
        });
        return command;
    }
}
