using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Taxonomy;
using ProductClassifier.Training.Pipeline;
using ProductClassifier.Web.Metrics;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// The data scientists' console on a large taxonomy (Google's 5,594 categories by default): a catalogue of test products
/// with ground truth spread over the tree and two model versions whose evaluations the real evaluator computed (five
/// models and the rules, both test sets, every category) and whose test predictions are stored; then <c>/metrics</c>
/// and <c>/models</c> opened in headless Chromium by a signed-in data scientist. Reports, per page, when the grid's
/// first rows are painted and when the circuit has rendered them (from then on clicks act), from the start of navigation, and the
/// server's load of the metrics alone.
/// </summary>
internal static class ConsoleBenchmark
{
    private const string DefaultTaxonomy = "../shared/data/taxonomies/google-product-taxonomy-2021-09-21.txt";

    // Installed in each page before the document parses: the time the first grid rows enter the DOM and the frame after,
    // when they are painted; and when a grid is first rendered by the circuit (data-interactive), from then on answering clicks.
    private const string TimingScript = """
        window.__console = { rows: null, painted: null, interactive: null };
        new MutationObserver((_, observer) => {
          const t = window.__console;
          if (t.rows === null && document.querySelector('.paged-grid tbody tr[data-row]')) {
            t.rows = performance.now();
            requestAnimationFrame(() => setTimeout(() => { t.painted = performance.now(); }, 0));
          }
          if (t.interactive === null && document.querySelector('.paged-grid[data-interactive=true] tbody tr[data-row]')) t.interactive = performance.now();
          if (t.rows !== null && t.interactive !== null) observer.disconnect();
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var at = Array.IndexOf(args, "--taxonomy");
        var taxonomyFile = at >= 0 && at + 1 < args.Length ? args[at + 1] : DefaultTaxonomy;
        var products = LabellingBenchmark.Option(args, "--products", 4000);
        var runs = LabellingBenchmark.Option(args, "--runs", 5);
        if (!File.Exists(taxonomyFile))
        {
            Console.Error.WriteLine($"No taxonomy at {taxonomyFile}: pass --taxonomy FILE (a Google, Shopify or plain taxonomy; ../shared/data/taxonomies has Google's).");
            return 2;
        }
        if (!File.Exists(HeadlessChromium.ExecutablePath))
        {
            Console.Error.WriteLine($"Chromium is not installed at {HeadlessChromium.ExecutablePath}: sudo apt-get install chromium");
            return 2;
        }

        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var images = Directory.CreateTempSubdirectory("productclassifier-bench-images-");
        try
        {
            var clock = Stopwatch.StartNew();
            var (catalogue, categories) = await SeedAsync(database.ConnectionString, TaxonomyParser.ParseFile(taxonomyFile), products, ct);
            Console.WriteLine($"console on {categories:N0} categories ({Path.GetFileName(taxonomyFile)}), {products:N0} test products, two versions; " +
                $"seeded in {clock.Elapsed.TotalSeconds:F0} s; database: {database.Description}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LabellingBenchmark.Load()}");

            await using var app = new BenchmarkWebApp(database.ConnectionString, images.FullName).Start();
            Console.WriteLine($"server: metrics of the active version loaded (catalogue, version, category and level rows) in {await ServerLoadMsAsync(app, catalogue, runs, ct)}");
            await using var chromium = await HeadlessChromium.LaunchAsync();
            var page = await chromium.SignedInPageAsync(app.Address, "console-scientist", await app.CreateUserAsync("console-scientist", Roles.DataScientist));
            await page.AddInitScriptAsync(TimingScript);

            Console.WriteLine($"{"in the browser (ms from navigation start)",-56}{"runs",6}{"median",9}{"max",9}");
            foreach (var (name, address) in new[] { ("/metrics", $"/metrics?catalogue={catalogue}"), ("/models", $"/models?catalogue={catalogue}") })
            {
                await OpenAsync(page, address); // warm-up: the first render compiles and caches what the rest reuse
                var painted = new List<double>();
                var interactive = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    var (p, i) = await OpenAsync(page, address);
                    painted.Add(p);
                    interactive.Add(i);
                }
                Print($"{name}: first grid rows painted", painted);
                Print($"{name}: rows rendered by the circuit (clicks act)", interactive);
            }
            Console.WriteLine($"load average after: {LabellingBenchmark.Load()}");
            return 0;
        }
        finally { images.Delete(recursive: true); }
    }

    /// <summary>Opens the page; returns when its grid's rows were painted and when the circuit had rendered them (clicks act).</summary>
    private static async Task<(double Painted, double Interactive)> OpenAsync(IPage page, string address)
    {
        await page.GotoAsync(address, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => window.__console && window.__console.painted !== null && window.__console.interactive !== null",
            null, new() { Timeout = 120_000 });
        return (await page.EvaluateAsync<double>("() => window.__console.painted"), await page.EvaluateAsync<double>("() => window.__console.interactive"));
    }

    private static async Task<string> ServerLoadMsAsync(BenchmarkWebApp app, string catalogueName, int runs, CancellationToken ct)
    {
        var times = new List<double>();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<ClassifierDb>>();
        for (var run = 0; run <= runs; run++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var clock = Stopwatch.StartNew();
            var catalogue = await CatalogueStore.ResolveAsync(db, catalogueName, ct);
            var version = await ModelStore.ResolveAsync(db, catalogue, null, ct);
            var metrics = await VersionMetrics.LoadAsync(db, version, ct);
            if (run > 0) times.Add(clock.Elapsed.TotalMilliseconds); // the first run warms the pool and the JIT
            if (metrics.Rows.Count == 0) throw new InvalidOperationException("The seeded version has no metrics.");
        }
        times.Sort();
        return $"median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over {times.Count} runs";
    }

    private static void Print(string what, List<double> times)
    {
        times.Sort();
        Console.WriteLine($"{what,-56}{times.Count,6}{times[times.Count / 2],9:F0}{times[^1],9:F0}");
    }

    /// <summary>
    /// A catalogue on the taxonomy with <paramref name="products"/> test products, each truly in one random category (and
    /// its ancestors), and two versions scored by the real evaluator from probabilities that find most of the truth.
    /// </summary>
    private static async Task<(string Catalogue, int Categories)> SeedAsync(string connectionString, TaxonomyTree taxonomy, int products,
        CancellationToken ct)
    {
        await using var db = ClassifierDbOptions.Create(connectionString);
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, $"console-{DateTime.UtcNow:yyyyMMddHHmmss}", ct);
        var ids = (await TaxonomyImporter.ImportAsync(db, catalogue.Id, taxonomy, ct)).IdsByPath;
        var byId = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogue.Id).ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        var random = new Random(1);
        var leaves = ids.Values.ToArray();
        var rows = new List<(Product Product, int Category)>();
        for (var i = 0; i < products; i++)
        {
            var product = new Product
            {
                CatalogueId = catalogue.Id,
                Source = "bench",
                ExternalId = $"p{i}",
                ContentHash = "h",
                Title = $"product {i}",
                FirstSeen = DateTime.UtcNow,
                LastSeen = DateTime.UtcNow,
            };
            rows.Add((product, leaves[random.Next(leaves.Length)]));
        }
        db.Products.AddRange(rows.Select(r => r.Product));
        await db.SaveChangesAsync(ct);
        foreach (var (product, category) in rows)
            for (int? c = category; c is { } id; c = byId[id])
                db.ReferenceLabels.Add(new ReferenceLabel { ProductId = product.Id, CategoryId = id });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var corpus = await CorpusLoader.FromDatabaseAsync(db, catalogue, _ => null, ct);
        var evaluator = new ModelEvaluator(corpus);
        var test = Enumerable.Range(0, corpus.Products.Count).ToArray();
        var models = new ModelStore(Path.GetTempPath());
        for (var number = 1; number <= 2; number++)
        {
            var probabilities = Probabilities(corpus, new Random(number), found: 0.6 + 0.1 * number);
            var report = evaluator.Evaluate(new Dictionary<string, float[]>
            {
                ["linear"] = probabilities,
                ["fasttext"] = probabilities,
                ["minilm-mlp"] = probabilities,
                [ModelEvaluator.Average] = probabilities,
                [ModelEvaluator.Served] = probabilities,
            }, test, new Dictionary<string, float[]>());
            await models.RegisterAsync(db, catalogue, new VersionRegistration(number, $"{catalogue.Name}/v{number}", "linear,fasttext,minilm-mlp,average",
                report.ToJson(), "cpu")
            { HumanLabels = 0, RuleLabels = products, TestPredictions = report.TestPredictions }, activate: true, ct);
        }
        return (catalogue.Name, ids.Count);
    }

    /// <summary>Products × categories: the true category and its ancestors found with probability <paramref name="found"/>, and three wrong guesses.</summary>
    private static float[] Probabilities(Corpus corpus, Random random, double found)
    {
        var count = corpus.CategoryCount;
        var probabilities = new float[corpus.Products.Count * count];
        for (var row = 0; row < corpus.Products.Count; row++)
        {
            var truth = corpus.ReferenceLabels[row] ?? [];
            var guesses = truth.Select(c => (Category: c, P: random.NextDouble() < found ? 0.5 + 0.5 * random.NextDouble() : 0.5 * random.NextDouble()))
                .Concat(Enumerable.Range(0, 3).Select(_ => (Category: random.Next(count), P: 0.7 * random.NextDouble())));
            foreach (var (category, p) in guesses)
                foreach (var c in corpus.WithAncestors(category))
                    probabilities[row * count + c] = Math.Max(probabilities[row * count + c], (float)p);
        }
        return probabilities;
    }
}
