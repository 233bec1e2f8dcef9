using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Training.Learning;
using ProductClassifier.Core.Similarity.Elasticsearch;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc similarity rebuild|query|eval</c>: the visual similarity index of a catalogue.</summary>
internal static class SimilarityCommands
{
    public static Command Create() => new("similarity", "Visual similarity: the index of image embeddings, nearest products, evaluation")
    {
        Rebuild(), Query(), Eval(), Learn(), Use(),
    };

    private static Command Use()
    {
        var embedding = new Argument<SimilarityEmbedding>("embedding") { Description = "pretrained or learned" };
        var command = new Command("use",
            "Choose the embedding the catalogue's similarity searches use, and queue the index-similarity job that builds its index; " +
            "the web app serves it once the job has published it, without a restart")
            { embedding };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var job = await EmbeddingChoice.ChooseAsync(db, catalogue, p.GetValue(embedding), Environment.UserName, ct);
            using var indexes = CliHost.SimilarityIndexes();
            var served = await EmbeddingChoice.ServedAsync(db, catalogue.Id, indexes.Options.Embedding, ct);
            Console.WriteLine($"{catalogue.Name}: {Name(p.GetValue(embedding))} embedding chosen; index-similarity job {job.Id} builds its index, " +
                $"then searches use it (until then: {Name(served)})");
        }));
        return command;
    }

    /// <summary>--embedding: which embedding's index a verb reads or writes (default: the catalogue's choice, else Similarity:Embedding).</summary>
    private static Option<SimilarityEmbedding?> EmbeddingOption(string description) => new("--embedding") { Description = description };

    private static string Name(SimilarityEmbedding embedding) => embedding.ToString().ToLowerInvariant();

    private static Command Learn()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the labelled products", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed of the head's initial weights and batch order", DefaultValueFactory = _ => 1 };
        var command = new Command("learn",
            "Train the catalogue's learned image embedding (a projection head over the ResNet18 features, on labellers' decisions and rule labels) here, " +
            "as a train-embedding job would, and write every product's learned embedding to Postgres")
            { epochs, seed };
        int Epochs(ParseResult p) => p.GetValue(epochs) is < 1 or > 10_000
            ? throw new Core.UserFacingException("--epochs must be between 1 and 10000.")
            : p.GetValue(epochs);
        command.SetAction(CliHost.WithCatalogue(Epochs, async (p, epochCount, db, catalogue, ct) =>
        {
            var clock = Stopwatch.StartNew();
            var result = await EmbeddingLearning.RunAsync(db, catalogue, ModelStore.FromConfiguration(CliHost.Configuration).Root,
                epochCount, p.GetValue(seed), (epoch, loss) =>
                {
                    if (epoch == 1 || epoch % 5 == 0 || epoch == epochCount)
                        Console.WriteLine(Invariant($"epoch {epoch}: loss {loss:F4}"));
                }, ct);
            Console.WriteLine(Invariant($"learned embedding v{result.Version} ({result.Folder}): trained on {result.Trained:N0} labelled products, ") +
                Invariant($"loss {result.FirstLoss:F4} -> {result.FinalLoss:F4}; {result.Embedded:N0} products embedded ({result.Written.Written:N0} rows written) in {clock.Elapsed.TotalSeconds:F0}s"));
            CliHost.Info("./pc similarity use learned (or the choice on /similar) makes searches use it once a worker's index-similarity job has built its index");
        }));
        return command;
    }

    private static Command Rebuild()
    {
        var embedding = EmbeddingOption("pretrained or learned (default: the embedding the catalogue has chosen)");
        var command = new Command("rebuild",
            "Rebuild the catalogue's similarity index from the image embeddings in Postgres (written by ./pc featurize), and serve it when it is the chosen embedding")
            { embedding };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            using var indexes = CliHost.SimilarityIndexes();
            var chosen = await EmbeddingChoice.ChosenAsync(db, catalogue.Id, indexes.Options.Embedding, ct);
            var built = p.GetValue(embedding) ?? chosen;
            using var index = indexes.OpenWriter(catalogue.Name, built);
            var clock = Stopwatch.StartNew();
            var result = await WithBar("indexing embeddings", progress =>
                new SimilaritySync(db, index, indexes.Options.For(built).EmbeddingModel).RebuildAsync(catalogue.Id, progress, ct));
            if (built == chosen) await EmbeddingChoice.MarkServedAsync(db, catalogue.Id, built, ct);
            Console.WriteLine($"{index.Description}, {Name(built)} embedding: {result.Count:N0} products indexed in {clock.Elapsed.TotalSeconds:F1}s");
            if (result.Count == 0) CliHost.Info("no image embeddings in Postgres for this catalogue: run ./pc featurize first");
        }));
        return command;
    }

    private static Command Query()
    {
        var product = new Option<long>("--product") { Description = "Product id", Required = true };
        var k = NeighboursOption("Neighbours");
        var category = new Option<string?>("--category") { Description = "Only products in this category (path \"A > B\")" };
        var command = new Command("query", "The products that look most like a product (nearest image embeddings)") { product, k, category };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            int? categoryId = null;
            if (p.GetValue(category) is { Length: > 0 } path)
                categoryId = await db.Categories.Where(c => c.CatalogueId == catalogue.Id && c.Path == path).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct)
                    ?? throw new Core.UserFacingException($"No category '{path}' in '{catalogue.Name}'.");
            using var indexes = CliHost.SimilarityIndexes();
            var neighbours = await new SimilarProducts(indexes).LikeProductAsync(db, p.GetValue(product), p.GetValue(k), categoryId, ct: ct)
                ?? throw new Core.UserFacingException($"Product {p.GetValue(product)} has no image embedding (no usable image, or run ./pc featurize).");
            if (neighbours.Count == 0) CliHost.Info("nothing found: is the index built? (./pc similarity rebuild)");
            var ids = neighbours.Select(n => n.ProductId).Append(p.GetValue(product)).ToArray();
            var titles = await db.Products.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Title ?? "", ct);
            var labels = await ProductCategories.ForIndexAsync(db, ids, ct);
            var paths = await db.Categories.Where(c => c.CatalogueId == catalogue.Id).ToDictionaryAsync(c => c.Id, c => (c.Path, c.Depth), ct);
            string Leaf(long id) => labels[id].Known.Where(paths.ContainsKey).Select(c => paths[c]).OrderByDescending(c => c.Depth).FirstOrDefault().Path ?? "";
            Console.WriteLine($"{p.GetValue(product)}  {titles.GetValueOrDefault(p.GetValue(product))}  [{Leaf(p.GetValue(product))}]");
            var table = new Table().AddColumns("#", "product", "distance", "title", "category");
            foreach (var (n, rank) in neighbours.Select((n, i) => (n, i + 1)))
                table.AddRow($"{rank}", $"{n.ProductId}", n.Distance.ToString("F3", CultureInfo.InvariantCulture),
                    Markup.Escape(titles.GetValueOrDefault(n.ProductId) ?? ""), Markup.Escape(Leaf(n.ProductId)));
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command Eval()
    {
        var k = NeighboursOption("Neighbours per query");
        var exact = new Option<bool>("--exact") { Description = "Also score exact (brute-force) neighbours, and the index's recall of them" };
        var compare = new Option<bool>("--compare")
        {
            Description = "Compare the pretrained and learned embeddings instead: exact neighbours, test-split queries, reference labels only",
        };
        var embedding = EmbeddingOption("pretrained or learned (default: the embedding the catalogue's searches use)");
        var command = new Command("eval",
            "Bring the index up to date, then print how often each product's k nearest neighbours share its top-level, level-2 and leaf category")
            { k, exact, compare, embedding };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            if (p.GetValue(compare))
            {
                await CompareAsync(db, catalogue.Id, p.GetValue(k), ct);
                return;
            }
            using var indexes = CliHost.SimilarityIndexes();
            var used = p.GetValue(embedding) ?? await EmbeddingChoice.ServedAsync(db, catalogue.Id, indexes.Options.Embedding, ct);
            var model = indexes.Options.For(used).EmbeddingModel;
            using var index = indexes.OpenWriter(catalogue.Name, used);
            var sync = await WithBar("indexing new embeddings", progress =>
                new SimilaritySync(db, index, model).CatchUpAsync(catalogue.Id, progress, ct));
            var clock = Stopwatch.StartNew();
            var result = await WithBar("querying", progress => SimilarityEvaluation.RunAsync(db, catalogue.Id, index, model,
                p.GetValue(k), p.GetValue(exact), new Relay(progress), ct));
            var n = result.K;
            Console.WriteLine($"{index.Description}, {Name(used)} embedding: {sync.Count:N0} products; {result.Queries:N0} queries (products with an image and a category; " +
                $"labels: {result.LabelSource}); {clock.Elapsed.TotalSeconds:F0}s");
            if (result.Exact is { } e)
                Console.WriteLine(Invariant($"exact kNN: top-level {e.TopLevel:F3}, level-2 {e.SecondLevel:F3}, leaf {e.Leaf:F3}; index recall@{n} {result.Recall:F3}"));
            Console.WriteLine(Invariant($"top-level agreement@{n} {result.Index.TopLevel:F3}"));
            Console.WriteLine(Invariant($"level-2 agreement@{n} {result.Index.SecondLevel:F3}"));
            Console.WriteLine(Invariant($"leaf agreement@{n} {result.Index.Leaf:F3}"));
        }));
        return command;
    }

    private static async Task CompareAsync(Core.Data.ClassifierDb db, int catalogueId, int k, CancellationToken ct)
    {
        using var indexes = CliHost.SimilarityIndexes();
        var options = indexes.Options;
        var clock = Stopwatch.StartNew();
        var result = await SimilarityEvaluation.CompareAsync(db, catalogueId, [options.Model, LearnedEmbedding.Model], k, ct);
        Console.WriteLine($"{result.Queries:N0} queries (test split, reference labels), {result.Pool:N0} products searched exactly; {clock.Elapsed.TotalSeconds:F0}s");
        var table = new Table().AddColumns("embedding", $"top-level@{k}", $"level-2@{k}", $"leaf@{k}");
        foreach (var (model, a) in result.Scores)
            table.AddRow(model, Invariant($"{a.TopLevel:F3}"), Invariant($"{a.SecondLevel:F3}"), Invariant($"{a.Leaf:F3}"));
        AnsiConsole.Write(table);
    }

    /// <summary>-k, bounded as Elasticsearch bounds it (num_candidates ≤ 10,000), whichever index serves.</summary>
    private static Option<int> NeighboursOption(string description)
    {
        var k = new Option<int>("-k") { Description = $"{description} (1 to {ElasticsearchLimits.MaxCandidates:N0})", DefaultValueFactory = _ => 10 };
        k.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ElasticsearchLimits.MaxCandidates)
                result.AddError($"-k must be between 1 and {ElasticsearchLimits.MaxCandidates:N0}, not {result.GetValueOrDefault<int>()}.");
        });
        return k;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Task<T> WithBar<T>(string description, Func<IProgress<SimilaritySyncProgress>, Task<T>> run) =>
        CliHost.ProgressConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => run(new Bar(context.AddTask(description, maxValue: 1))));

    // Progress<T> would post to the thread pool; the bar just takes the latest value.
    private sealed class Bar(ProgressTask task) : IProgress<SimilaritySyncProgress>
    {
        public void Report(SimilaritySyncProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    private sealed class Relay(IProgress<SimilaritySyncProgress> bar) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => bar.Report(new SimilaritySyncProgress(value.Done, value.Total));
    }
}
