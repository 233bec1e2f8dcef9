using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Jobs;
using ProductClassifier.Web.Metrics;

namespace ProductClassifier.Tests.Web.Metrics;

/// <summary><c>/metrics</c> rendered by bUnit from a seeded catalogue whose two versions the real evaluator scored.</summary>
public sealed class MetricsPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static string Cell(AngleSharp.Dom.IElement row, string column) => row.QuerySelector($"[data-column={column}]")!.TextContent.Trim();

    private static IReadOnlyList<string> Paths(IRenderedComponent<MetricsPage> page) =>
        page.FindAll("[data-testid=metrics-grid] tbody tr[data-row]").Select(r => Cell(r, "path")).ToList();

    private async Task<(ScoredCatalogue Seeded, Bunit.BunitContext Context, IRenderedComponent<MetricsPage> Page)> OpenAsync(string query = "")
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var ctx = PageTestContext.Create(database, Roles.DataScientist);
        var page = ctx.Open<MetricsPage>($"/metrics?catalogue={seeded.Catalogue.Name}{query}");
        page.Eventually(() => Assert.NotEmpty(page.FindAll("[data-testid=metrics-grid] tbody tr[data-row]")));
        return (seeded, ctx, page);
    }

    [Fact]
    public async Task Shows_the_active_versions_metrics_per_category_beside_the_rule_test_set()
    {
        var (seeded, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        Assert.Contains("model v2 (active)", page.Find("[data-testid=metrics-version]").TextContent);
        Assert.Equal(["Home", "Home > Kitchen", "Home > Kitchen > Cookware", "Home > Kitchen > Tableware", "Toys", "Toys > Puzzles"], Paths(page));
        var cookware = page.Find($"[data-testid=metrics-grid] tr[data-row='{seeded.Categories[ScoredCatalogue.Cookware]}']");
        // Ground truth: all four cookware products found. Rule test: the rules call the saucepan nothing and the cup a pan.
        Assert.Equal(("4", "1.000", "1.000", "1.000"), (Cell(cookware, "gt-support"), Cell(cookware, "gt-precision"), Cell(cookware, "gt-recall"), Cell(cookware, "gt-f1")));
        Assert.Equal(("4", "0.750", "0.750", "0.750"), (Cell(cookware, "rt-support"), Cell(cookware, "rt-precision"), Cell(cookware, "rt-recall"), Cell(cookware, "rt-f1")));
        Assert.Equal("3", Cell(cookware, "level"));
        var all = page.Find("[data-testid=level-summary] tr[data-level=all]");
        Assert.Contains("0.923", all.TextContent); // micro-F1: 24 true positives, 4 false negatives
        Assert.Equal(3, page.FindAll("[data-testid=level-summary] tbody tr[data-level]").Count - 1);
    }

    [Fact]
    public async Task Sorts_by_a_column_when_its_title_is_clicked_largest_first_then_smallest()
    {
        var (_, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        await page.Find("[data-testid=metrics-grid] button[data-sort=gt-f1]").ClickAsync(new());
        // Largest first: the four home categories v2 gets right, then toys and puzzles; ties keep the path order.
        page.Eventually(() => Assert.Equal(["Home", "Home > Kitchen", "Home > Kitchen > Cookware", "Home > Kitchen > Tableware", "Toys", "Toys > Puzzles"], Paths(page)));
        Assert.Contains("▼", page.Find("[data-testid=metrics-grid] button[data-sort=gt-f1]").TextContent);
        await page.Find("[data-testid=metrics-grid] button[data-sort=gt-f1]").ClickAsync(new());

        page.Eventually(() => Assert.Equal(["Toys", "Toys > Puzzles"], Paths(page).Take(2)));
        Assert.Equal("0.000", Cell(page.Find("[data-testid=metrics-grid] tbody tr[data-row]"), "gt-f1"));
        await page.Find("[data-testid=metrics-grid] button[data-sort=path]").ClickAsync(new());
        page.Eventually(() => Assert.Equal("Home", Paths(page)[0])); // text sorts A to Z first
    }

    [Fact]
    public async Task Filters_by_subtree_level_and_minimum_support()
    {
        var (_, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        page.Find("input[data-testid=filter-subtree]").Input("home > kitchen");
        page.Eventually(() => Assert.Equal(["Home > Kitchen", "Home > Kitchen > Cookware", "Home > Kitchen > Tableware"], Paths(page)));

        page.Find("input[data-testid=filter-subtree]").Input("");
        page.Eventually(() => Assert.Equal(6, Paths(page).Count));
        await page.FindAll("[data-testid=filter-level] button").Single(b => b.TextContent.Trim() == "2").ClickAsync(new());
        page.Eventually(() => Assert.Equal(["Home > Kitchen", "Toys > Puzzles"], Paths(page)));

        await page.FindAll("[data-testid=filter-level] button").Single(b => b.TextContent.Trim() == "all").ClickAsync(new());
        page.Eventually(() => Assert.Equal(6, Paths(page).Count));
        await page.Find("input[data-testid=filter-support]").ChangeAsync(new() { Value = "3" });
        page.Eventually(() => Assert.Equal(["Home", "Home > Kitchen", "Home > Kitchen > Cookware", "Home > Kitchen > Tableware"], Paths(page)));
    }

    [Fact]
    public async Task Clicking_a_category_lists_its_worst_false_positives_and_negatives_with_what_they_are_and_which_rules_fired()
    {
        var (seeded, ctx, page) = await OpenAsync("&version=1");
        await using var _ = ctx;
        var cookware = seeded.Categories[ScoredCatalogue.Cookware];

        await page.Find($"[data-testid=metrics-grid] tr[data-row='{cookware}']").ClickAsync(new());

        page.Eventually(() => Assert.Contains("1 false positives and 1 false negatives on the ground-truth test set", page.Find("[data-testid=error-counts]").TextContent));
        Assert.Contains($"category={cookware}", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("model v1", page.Find("[data-testid=metrics-version]").TextContent);
        var falsePositive = page.Find("[data-testid=false-positives] tr.evidence-row");
        Assert.Contains("pan-shaped cup", falsePositive.TextContent);
        Assert.Contains("p = 0.800", falsePositive.TextContent);
        Assert.Contains("is: Home > Kitchen > Tableware", falsePositive.QuerySelector("[data-testid=evidence-labels]")!.TextContent);
        Assert.Contains("r-pan → Home > Kitchen > Cookware", falsePositive.QuerySelector("[data-testid=evidence-rules]")!.TextContent);
        Assert.Contains("r-cup → Home > Kitchen > Tableware", falsePositive.QuerySelector("[data-testid=evidence-rules]")!.TextContent);
        var falseNegative = page.Find("[data-testid=false-negatives] tr.evidence-row");
        Assert.Contains("cast iron pan", falseNegative.TextContent);
        Assert.Contains("p = 0.300", falseNegative.TextContent);
    }

    [Fact]
    public async Task False_negatives_come_least_confident_first_and_the_rule_test_set_judges_by_the_rules()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        await using var ctx = PageTestContext.Create(database, Roles.DataScientist);
        var puzzles = ctx.Open<MetricsPage>($"/metrics?catalogue={seeded.Catalogue.Name}&category={seeded.Categories[ScoredCatalogue.Puzzles]}");
        puzzles.Eventually(() => Assert.Equal(2, puzzles.FindAll("[data-testid=false-negatives] tr.evidence-row").Count));
        Assert.Equal(["wooden puzzle", "jigsaw"], puzzles.FindAll("[data-testid=false-negatives] .evidence-title").Select(t => t.TextContent));

        await using var rules = PageTestContext.Create(database, Roles.DataScientist);
        var cookware = rules.Open<MetricsPage>($"/metrics?catalogue={seeded.Catalogue.Name}&category={seeded.Categories[ScoredCatalogue.Cookware]}&set=rules");
        cookware.Eventually(() => Assert.Contains("rule-labelled", cookware.Find("[data-testid=error-counts]").TextContent));
        Assert.Contains("saucepan with lid", cookware.Find("[data-testid=false-positives]").TextContent); // no rule says pan
        Assert.Contains("pan-shaped cup", cookware.Find("[data-testid=false-negatives]").TextContent);    // the rule said pan
    }

    [Fact]
    public async Task A_version_without_stored_test_predictions_says_how_to_get_them()
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        await db.TestPredictions.Where(p => p.ModelVersionId == seeded.V1.Id).ExecuteDeleteAsync();
        await using var ctx = PageTestContext.Create(database, Roles.DataScientist);

        var page = ctx.Open<MetricsPage>($"/metrics?catalogue={seeded.Catalogue.Name}&version=1&category={seeded.Categories[ScoredCatalogue.Cookware]}");

        page.Eventually(() => Assert.Contains("./pc evaluate --version 1 --store", page.Find("[data-testid=errors-not-stored]").TextContent));
    }

    [Fact]
    public async Task Follows_a_newly_activated_version_when_a_job_finishes()
    {
        var (seeded, ctx, page) = await OpenAsync();
        await using var _ = ctx;
        await using (var db = database.Open())
            await ModelStore.ActivateAsync(db, await db.ModelVersions.SingleAsync(v => v.Id == seeded.V1.Id), CancellationToken.None);

        ctx.Services.GetRequiredService<JobNotifier>().Publish(new JobEventMessage(1, 1, JobEventKinds.Status,
            System.Text.Json.JsonSerializer.SerializeToElement(new StatusEvent(JobStatus.Succeeded), JobEventJson.Options), DateTime.UtcNow));

        page.Eventually(() => Assert.Contains("model v1 (active)", page.Find("[data-testid=metrics-version]").TextContent));
    }
}
