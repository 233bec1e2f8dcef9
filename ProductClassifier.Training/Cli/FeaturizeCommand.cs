using System.CommandLine;
using ProductClassifier.Training.Pipeline;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc featurize</c>: image (ResNet18) and sentence (MiniLM) features of every product, cached.</summary>
internal static class FeaturizeCommand
{
    public static Command Create()
    {
        var command = new Command("featurize",
            "Compute the pretrained image (ResNet18, 512-d) and text (MiniLM, 384-d) features of the catalogue's products; cached, so reruns skip them. Image embeddings also go to Postgres for the similarity index");
        var limit = new Option<int?>("--limit") { Description = "Only the first N products (lowest ids): a sample of a big catalogue" };
        command.Add(limit);
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var corpus = await CliHost.CorpusAsync(db, catalogue, ct);
            var products = p.GetValue(limit) is { } n ? corpus.Products.Take(n).ToList() : corpus.Products;
            var started = DateTime.UtcNow;
            var covered = products.Count < corpus.Products.Count ? products.Select(x => x.Id).ToHashSet() : null;
            var result = await CliHost.ProgressConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    using var pretrained = CliHost.PretrainedFeatures(catalogue.Name, new FeaturizeBar(context));
                    return await CatalogueFeaturizer.RunAsync(db, catalogue, products, covered, pretrained, ct);
                });
            foreach (var block in new[] { result.Images, result.Sentences })
                Console.WriteLine($"{block.Block}: {block.Rows.Count:N0} products, {block.Computed:N0} computed, {block.FromCache:N0} from the cache" +
                    (block.PresentBlock is null ? "" : $", {block.Present.Values.Count(v => v == 0):N0} without a usable input"));
            var saved = result.Embeddings;
            Console.WriteLine($"image embeddings in Postgres: {saved.Written:N0} written, {saved.Removed:N0} removed, {saved.Unchanged:N0} unchanged");
            if (result.IndexJob is { } job)
                CliHost.Info($"queued job {job.Id} ({job.Kind}): a worker adds them to the similarity index (or run ./pc similarity rebuild)");
            CliHost.Info($"done in {(DateTime.UtcNow - started).TotalSeconds:F0}s");
        }));
        return command;
    }
}
