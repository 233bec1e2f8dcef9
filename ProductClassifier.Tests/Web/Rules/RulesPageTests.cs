using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Rules;

namespace ProductClassifier.Tests.Web.Rules;

/// <summary>
/// <c>/rules</c> rendered by bUnit from the seeded kitchen-and-toys catalogue: r-pan calls the pan-shaped cup a pan and
/// misses the saucepan, r-cup misses the puzzle mug, r-puzzle fires on the puzzle mug and misses the jigsaw.
/// </summary>
public sealed class RulesPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static string Cell(AngleSharp.Dom.IElement row, string column) => row.QuerySelector($"[data-column={column}]")!.TextContent.Trim();

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<RulesPage> page, string grid) =>
        page.FindAll($"[data-testid={grid}] tbody tr").Where(r => r.QuerySelector("[data-testid=grid-empty]") is null).ToList();

    private async Task<(ScoredCatalogue Seeded, BunitContext Context, IRenderedComponent<RulesPage> Page)> OpenAsync(string query = "")
    {
        await using var db = database.Open();
        var seeded = await ScoredCatalogue.CreateAsync(db);
        var ctx = PageTestContext.Create(database, Roles.DataScientist);
        var page = ctx.Open<RulesPage>($"/rules?catalogue={seeded.Catalogue.Name}{query}");
        page.Eventually(() => Assert.Equal(3, Rows(page, "rules-grid").Count));
        return (seeded, ctx, page);
    }

    [Fact]
    public async Task Lists_each_rule_against_the_ground_truth_worst_first()
    {
        var (_, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        var rows = Rows(page, "rules-grid");
        Assert.Equal(["r-pan", "r-puzzle", "r-cup"], rows.Select(r => Cell(r, "code")));
        // r-pan fired on four pans by ground truth (one of them only a labeller's decision) and the pan-shaped cup.
        Assert.Equal(("4", "1", "1", "0.750", "0.750"), (Cell(rows[0], "fired"), Cell(rows[0], "wrong"), Cell(rows[0], "missed"),
            Cell(rows[0], "precision"), Cell(rows[0], "recall")));
        Assert.Equal(("3", "0", "1", "1.000", "0.750"), (Cell(rows[2], "fired"), Cell(rows[2], "wrong"), Cell(rows[2], "missed"),
            Cell(rows[2], "precision"), Cell(rows[2], "recall")));
        Assert.Contains("Over 10 products with ground truth", page.Find("[data-testid=rules-summary]").TextContent);
    }

    [Fact]
    public async Task Says_per_category_which_rule_caused_its_false_positives()
    {
        var (_, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        var puzzles = Rows(page, "rule-categories").Single(r => Cell(r, "category") == ScoredCatalogue.Puzzles);
        Assert.Equal(("1", "1", "1", "r-puzzle 1"), (Cell(puzzles, "false-positives"), Cell(puzzles, "false-negatives"), Cell(puzzles, "correct"),
            Cell(puzzles, "causes")));
        var tableware = Rows(page, "rule-categories").Single(r => Cell(r, "category") == ScoredCatalogue.Tableware);
        Assert.Equal(("0", "1", ""), (Cell(tableware, "false-positives"), Cell(tableware, "false-negatives"), Cell(tableware, "causes")));
    }

    [Fact]
    public async Task Clicking_a_rule_shows_the_products_it_fired_on_wrongly_and_those_of_its_category_it_missed()
    {
        var (_, ctx, page) = await OpenAsync();
        await using var _ = ctx;

        await page.Find("[data-testid=rules-grid] tr[data-row=r-puzzle]").ClickAsync(new());

        page.Eventually(() => Assert.Contains("r-puzzle → Toys > Puzzles", page.Find("[data-testid=rule-products]").TextContent));
        page.Eventually(() => Assert.NotEmpty(page.FindAll("[data-testid=fired-wrongly] .evidence-title")));
        Assert.Contains("rule=r-puzzle", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("title containing any of: puzzle", page.Find("[data-testid=rule-definition]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["puzzle mug"], page.FindAll("[data-testid=fired-wrongly] .evidence-title").Select(t => t.TextContent));
        Assert.Contains("is: Home > Kitchen > Tableware", page.Find("[data-testid=fired-wrongly] [data-testid=evidence-labels]").TextContent);
        Assert.Equal(["jigsaw"], page.FindAll("[data-testid=missed] .evidence-title").Select(t => t.TextContent));
        Assert.Contains("none fired", page.Find("[data-testid=missed] [data-testid=evidence-rules]").TextContent);
    }

    [Fact]
    public async Task A_rule_that_never_fired_wrongly_says_so()
    {
        var (_, ctx, page) = await OpenAsync("&rule=r-cup");
        await using var _ = ctx;

        page.Eventually(() => Assert.Contains("It never fired wrongly.", page.Find("[data-testid=fired-wrongly]").TextContent));
        Assert.Equal(["puzzle mug"], page.FindAll("[data-testid=missed] .evidence-title").Select(t => t.TextContent));
    }

    [Fact]
    public async Task A_catalogue_without_ground_truth_says_how_to_get_it()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, ScoredCatalogue.Cookware);
        await ProductClassifier.Core.Rules.RuleImporter.ImportAsync(db, catalogue.Id,
            [new("r-pan", ScoredCatalogue.Cookware, ProductClassifier.Core.Rules.RuleField.Title, ["pan"])]);
        await using var ctx = PageTestContext.Create(database, Roles.DataScientist);

        var page = ctx.Open<RulesPage>($"/rules?catalogue={catalogue.Name}");

        page.Eventually(() => Assert.Contains("has no ground truth to audit the rules against", page.Find("[data-testid=rules-message]").TextContent));
    }
}
