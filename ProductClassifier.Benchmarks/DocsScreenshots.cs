using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// The README's screenshots of the labelling, review and rounds pages, taken in headless Chromium on a catalogue with an
/// open round (<c>scripts/screenshots.sh</c> prepares one from real products, after two finished rounds). Two
/// labellers' earlier work is entered through the labelling service first, with some disagreement on the overlap
/// items, so progress, agreement and conflicts have something to show; a third labeller then works a few products in
/// the page with its keys.
/// </summary>
internal static class DocsScreenshots
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var output = Path.GetFullPath(Value(args, "--out") ?? Path.Combine(ProjectRoot.Find(), "docs"));
        var earlier = LabellingBenchmark.Option(args, "--earlier", 20, zero: true);
        if (!File.Exists(HeadlessChromium.ExecutablePath))
        {
            Console.Error.WriteLine($"Chromium is not installed at {HeadlessChromium.ExecutablePath}: sudo apt-get install chromium");
            return 2;
        }
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        Catalogue catalogue;
        await using (var db = ClassifierDbOptions.Create(database.ConnectionString))
        {
            catalogue = await CatalogueStore.ResolveAsync(db, Value(args, "--catalogue"), ct);
            if (!await db.LabellingBatches.OpenRound(catalogue.Id).AnyAsync(ct))
            {
                Console.Error.WriteLine($"Catalogue '{catalogue.Name}' has no open labelling round: ./pc round open --catalogue {catalogue.Name}");
                return 2;
            }
        }
        var images = ImageStore.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        await using var app = new BenchmarkWebApp(database.ConnectionString, images.Root).Start();
        await EarlierWorkAsync(app.Services, database, catalogue.Id, earlier, ct);

        Directory.CreateDirectory(output);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var labeller = await chromium.SignedInPageAsync(app.Address, "dana", await app.CreateUserAsync("dana", Roles.Labeller));
        await labeller.GotoAsync($"/label?catalogue={Uri.EscapeDataString(catalogue.Name)}");
        await HeadlessChromium.LabellingKeysActAsync(labeller);
        var random = new Random(3);
        for (var i = 0; i < 6; i++)
        {
            var card = labeller.Locator(".product-card");
            await card.WaitForAsync();
            var product = await card.GetAttributeAsync("data-product");
            if (random.Next(3) == 0) await labeller.Keyboard.PressAsync("2");
            await labeller.Keyboard.PressAsync("Enter");
            await labeller.Locator($".product-card:not([data-product='{product}']), [data-testid=queue-message]").First.WaitForAsync();
        }
        await ShootAsync(labeller, Path.Combine(output, "labelling.png"));
        await labeller.Keyboard.PressAsync("/");
        await labeller.Keyboard.TypeAsync(Value(args, "--search") ?? "shirt");
        await labeller.GetByTestId("result-count").WaitForAsync();
        await ShootAsync(labeller, Path.Combine(output, "labelling-search.png"));

        var admin = await chromium.SignedInPageAsync(app.Address, "admin", await app.CreateUserAsync("admin", Roles.Admin));
        await admin.GotoAsync($"/label/review?catalogue={Uri.EscapeDataString(catalogue.Name)}");
        await admin.GetByTestId("agreement").WaitForAsync();
        await ShootAsync(admin, Path.Combine(output, "label-review.png"));

        // The rounds page: the open round filling up, the finished rounds' history and the macro-F1 curve.
        await admin.GotoAsync($"/rounds?catalogue={Uri.EscapeDataString(catalogue.Name)}");
        await admin.GetByTestId("open-round").WaitForAsync();
        await admin.GetByTestId("round-history").Locator("tbody tr").First.WaitForAsync();
        await ShootAsync(admin, Path.Combine(output, "rounds.png"));

        await ConsoleAsync(chromium, app, database, catalogue, output, ct);
        Console.WriteLine($"screenshots of catalogue '{catalogue.Name}' in {output}: labelling.png, labelling-search.png, label-review.png, " +
            "rounds.png, models.png, metrics.png, rules.png");
        return 0;
    }

    /// <summary>
    /// The data scientist's console: <c>/models</c> comparing the active version with the one before, <c>/metrics</c>
    /// with the subtree of the category (below the top level) the active version gets most wrong on the ground-truth
    /// set and that category's errors open, and <c>/rules</c> with the worst rule's products open.
    /// </summary>
    private static async Task ConsoleAsync(HeadlessChromium chromium, BenchmarkWebApp app, BenchmarkDatabase database, Catalogue catalogue,
        string output, CancellationToken ct)
    {
        var name = Uri.EscapeDataString(catalogue.Name);
        var scientist = await chromium.SignedInPageAsync(app.Address, "sam", await app.CreateUserAsync("sam", Roles.DataScientist));
        await scientist.GotoAsync($"/models?catalogue={name}");
        await scientist.Locator("[data-testid=comparison-grid] tbody tr[data-row]").First.WaitForAsync();
        await ShootAsync(scientist, Path.Combine(output, "models.png"));

        await using var db = ClassifierDbOptions.Create(database.ConnectionString);
        var active = await db.ModelVersions.Where(v => v.CatalogueId == catalogue.Id && v.IsActive).Select(v => v.Id).SingleAsync(ct);
        var category = await (from p in db.TestPredictions
                              where p.ModelVersionId == active && p.GroundTruth != null && p.Predicted != p.GroundTruth
                              join c in db.Categories on p.CategoryId equals c.Id
                              where c.Depth > 1
                              group p by new { c.Id, c.Path } into g
                              orderby g.Count() descending, g.Key.Path
                              select new { g.Key.Id, g.Key.Path }).FirstOrDefaultAsync(ct);
        if (category is not null)
        {
            await scientist.SetViewportSizeAsync(1440, 1000); // as tall as the last page was: back to the usual window
            await scientist.GotoAsync($"/metrics?catalogue={name}&category={category.Id}");
            await scientist.Locator("[data-testid=metrics-grid][data-interactive=true]").WaitForAsync();
            var parent = category.Path[..category.Path.LastIndexOf(Core.Taxonomy.Category.PathSeparator, StringComparison.Ordinal)];
            await scientist.Locator("input[data-testid=filter-subtree]").FillAsync(parent);
            await scientist.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=metrics-grid] td[data-column=path]')]" +
                ".every(td => td.textContent.trim().startsWith(" + System.Text.Json.JsonSerializer.Serialize(parent) + "))");
            await scientist.GetByTestId("error-counts").WaitForAsync();
            await ShootAsync(scientist, Path.Combine(output, "metrics.png"));
        }
        else Console.Error.WriteLine("No ground-truth error below the top level to show on /metrics: metrics.png not taken.");

        await scientist.SetViewportSizeAsync(1440, 1000);
        await scientist.GotoAsync($"/rules?catalogue={name}");
        await scientist.Locator("[data-testid=rules-grid][data-interactive=true]").WaitForAsync();
        await scientist.Locator("[data-testid=rules-grid] tbody tr[data-row]").First.ClickAsync();
        await scientist.GetByTestId("rule-products").WaitForAsync();
        await ShootAsync(scientist, Path.Combine(output, "rules.png"));
    }

    /// <summary>
    /// Two labellers decide <paramref name="each"/> products apiece through the labelling service: one takes the model's
    /// suggestions as they are, the other swaps the most specific one for a sibling on every third product.
    /// </summary>
    private static async Task EarlierWorkAsync(IServiceProvider services, BenchmarkDatabase database, int catalogueId, int each,
        CancellationToken ct)
    {
        var queue = services.GetRequiredService<LabellingQueue>();
        List<(int Id, int? ParentId)> categories;
        await using (var db = ClassifierDbOptions.Create(database.ConnectionString))
            categories = [.. (await db.Categories.Where(c => c.CatalogueId == catalogueId).Select(c => new { c.Id, c.ParentId }).ToListAsync(ct))
                .Select(c => (c.Id, c.ParentId))];
        var random = new Random(7);
        foreach (var (labeller, disagrees) in new[] { ("asha", false), ("ben", true) })
            for (var i = 0; i < each && await queue.NextAsync(catalogueId, labeller, ct) is { } item; i++)
            {
                var chosen = item.Predictions.Select(p => p.CategoryId).ToList();
                if (disagrees && i % 3 == 0 && item.Predictions.MaxBy(p => p.Path.Length) is { } leaf)
                {
                    var parent = categories.Single(c => c.Id == leaf.CategoryId).ParentId;
                    var siblings = categories.Where(c => c.ParentId == parent && c.Id != leaf.CategoryId).ToList();
                    chosen.Remove(leaf.CategoryId);
                    if (siblings.Count > 0) chosen.Add(siblings[random.Next(siblings.Count)].Id);
                }
                await queue.DecideAsync(labeller, item.Product.Id, chosen, ct);
            }
    }

    /// <summary>The whole page once its images have loaded and animations settled.</summary>
    private static async Task ShootAsync(IPage page, string path)
    {
        // A window as tall as the page rather than a full-page capture, which would cut the fixed side bar short; made
        // tall before waiting for the images, as lazy ones below the window load only once they are in it.
        for (var pass = 0; pass < 2; pass++)
        {
            var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            await page.SetViewportSizeAsync(page.ViewportSize!.Width, Math.Max(height, page.ViewportSize.Height));
            await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        }
        await Task.Delay(400);
        await page.ScreenshotAsync(new() { Path = path });
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
