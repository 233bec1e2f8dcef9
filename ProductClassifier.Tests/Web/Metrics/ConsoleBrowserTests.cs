using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Web.Browser;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Metrics;

/// <summary>
/// The data scientists' console (<c>/models</c>, <c>/metrics</c>, <c>/rules</c>) in headless Chromium against the real
/// app on Kestrel and Postgres, on the kitchen-and-toys catalogue whose two versions the real evaluator scored.
/// </summary>
public sealed class ConsoleBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private async Task<ScoredCatalogue> SeedAsync()
    {
        await using var db = site.Database.Open();
        return await ScoredCatalogue.CreateAsync(db);
    }

    /// <summary>Each shown row of a grid, its cells' text as the user reads them.</summary>
    private static Task<string[][]> GridAsync(IPage page, string grid) =>
        page.Locator($"[data-testid={grid}] tbody tr[data-row]")
            .EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent.trim()))");

    /// <summary>Waits for the grid to answer clicks: the prerendered page shows the same rows before its circuit is up.</summary>
    private static Task InteractiveAsync(IPage page, string grid) =>
        Expect(page.Locator($"[data-testid={grid}][data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

    private static async Task<string[]> DownloadCsvAsync(IPage page, string grid)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") errors.Add(message.Text); };
        IDownload download;
        try
        {
            download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={grid}] [data-testid=export-csv]").ClickAsync());
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"No download; the browser said: {string.Join(" | ", errors)}", e);
        }
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [ChromiumFact]
    public async Task A_data_scientist_compares_versions_reads_a_categorys_errors_and_audits_a_rule()
    {
        var seeded = await SeedAsync();
        await using var scientist = await site.SignedInAsync(Roles.DataScientist);
        var page = scientist.Page;

        await page.GotoAsync($"/models?catalogue={seeded.Catalogue.Name}");
        await Expect(page.Locator("[data-testid=versions] tbody tr[data-row]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("comparison-summary")).ToContainTextAsync("v2 against v1: 4 categories better by more than a point of F1, 2 worse");
        await Expect(page.Locator("[data-testid=comparison-grid] tbody tr[data-row] [data-column=path]").First).ToHaveTextAsync("Toys");

        await page.GotoAsync($"/metrics?catalogue={seeded.Catalogue.Name}&version=1");
        await Expect(page.Locator("[data-testid=metrics-grid] tbody tr[data-row]")).ToHaveCountAsync(6);
        await Expect(page.GetByTestId("metrics-version")).ToContainTextAsync("model v1");
        await InteractiveAsync(page, "metrics-grid");
        await page.Locator($"[data-testid=metrics-grid] tr[data-row='{seeded.Categories[ScoredCatalogue.Cookware]}']").ClickAsync();
        await Expect(page.GetByTestId("error-counts")).ToHaveTextAsync("1 false positives and 1 false negatives on the ground-truth test set");
        await Expect(page.Locator("[data-testid=false-positives] .evidence-title")).ToHaveTextAsync(["pan-shaped cup"]);
        await Expect(page.Locator("[data-testid=false-negatives] .evidence-title")).ToHaveTextAsync(["cast iron pan"]);

        await page.GotoAsync($"/rules?catalogue={seeded.Catalogue.Name}");
        await Expect(page.Locator("[data-testid=rules-grid] tbody tr[data-row]")).ToHaveCountAsync(3);
        await InteractiveAsync(page, "rules-grid");
        await page.Locator("[data-testid=rules-grid] tr[data-row=r-puzzle]").ClickAsync();
        await Expect(page.Locator("[data-testid=fired-wrongly] .evidence-title")).ToHaveTextAsync(["puzzle mug"]);
        await Expect(page.Locator("[data-testid=missed] .evidence-title")).ToHaveTextAsync(["jigsaw"]);
    }

    [ChromiumFact]
    public async Task A_grids_csv_export_holds_what_the_grid_shows_in_the_order_it_shows_it()
    {
        var seeded = await SeedAsync();
        await using var scientist = await site.SignedInAsync(Roles.DataScientist);
        var page = scientist.Page;
        await page.GotoAsync($"/metrics?catalogue={seeded.Catalogue.Name}");
        await Expect(page.Locator("[data-testid=metrics-grid] tbody tr[data-row]")).ToHaveCountAsync(6);
        await InteractiveAsync(page, "metrics-grid");
        await page.Locator("[data-testid=metrics-grid] button[data-sort=gt-f1]").ClickAsync();
        await Expect(page.Locator("[data-testid=metrics-grid] button[data-sort=gt-f1]")).ToContainTextAsync("▼");

        var csv = await DownloadCsvAsync(page, "metrics-grid");

        Assert.Equal("Category,Level,GT n,GT P,GT R,GT F1,GT AP,RT n,RT P,RT R,RT F1,RT AP", csv[0]);
        Assert.Equal((await GridAsync(page, "metrics-grid")).Select(cells => string.Join(",", cells)), csv.Skip(1));
        Assert.StartsWith("Toys", csv[^1]); // sorted as the grid was, worst F1 last

        await page.GotoAsync($"/models?catalogue={seeded.Catalogue.Name}");
        await Expect(page.Locator("[data-testid=comparison-grid] tbody tr[data-row]")).ToHaveCountAsync(6);
        await InteractiveAsync(page, "comparison-grid");
        var comparison = await DownloadCsvAsync(page, "comparison-grid");
        Assert.Equal((await GridAsync(page, "comparison-grid")).Select(cells => string.Join(",", cells)), comparison.Skip(1));
    }

    [ChromiumFact]
    public async Task A_versions_evaluation_downloads_as_the_json_pc_evaluate_writes()
    {
        var seeded = await SeedAsync();
        await using var scientist = await site.SignedInAsync(Roles.DataScientist);

        var response = await scientist.Context.APIRequest.GetAsync($"api/models/evaluation?catalogue={seeded.Catalogue.Name}&version=2");

        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var models = json.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()).ToList();
        Assert.Contains("ensemble", models);
        Assert.Contains("rules", models);
        Assert.Equal(404, (await scientist.Context.APIRequest.GetAsync($"api/models/evaluation?catalogue={seeded.Catalogue.Name}&version=9")).Status);
    }

    [ChromiumFact]
    public async Task Labellers_are_refused_the_console_and_its_exports()
    {
        var seeded = await SeedAsync();
        await using var labeller = await site.SignedInAsync(Roles.Labeller);
        var page = labeller.Page;

        foreach (var address in new[] { "/models", "/metrics", "/rules" })
        {
            await page.GotoAsync($"{address}?catalogue={seeded.Catalogue.Name}");
            await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
        }
        await page.GotoAsync("/products");
        await Expect(page.Locator("a[href='products']")).ToBeVisibleAsync();
        await Expect(page.Locator("a[href='models'], a[href='metrics'], a[href='rules']")).ToHaveCountAsync(0); // not in the menu either

        var evaluation = await labeller.Context.APIRequest.GetAsync($"api/models/evaluation?catalogue={seeded.Catalogue.Name}&version=2",
            new() { MaxRedirects = 0 });
        Assert.Contains(evaluation.Status, new[] { (int)HttpStatusCode.Forbidden, (int)HttpStatusCode.Redirect });
        Assert.DoesNotContain("\"models\"", await evaluation.TextAsync());
    }

    [ChromiumFact]
    public async Task Visitors_who_have_not_signed_in_are_sent_to_sign_in()
    {
        await using var visitor = await site.VisitorAsync();

        await visitor.Page.GotoAsync("/metrics");

        await visitor.Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Contains("ReturnUrl=%2Fmetrics", visitor.Page.Url, StringComparison.Ordinal);
    }
}
