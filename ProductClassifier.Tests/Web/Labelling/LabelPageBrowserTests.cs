using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Web.Browser;
using ProductClassifier.Web.Labelling;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Labelling;

/// <summary>The labelling page in headless Chromium against the real app on Kestrel and Postgres, driven by its keys.</summary>
public sealed class LabelPageBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Cookware = "Home > Kitchen > Cookware", Tableware = "Home > Kitchen > Tableware";

    /// <summary>A labeller signed in, at the labelling page of a new round, once its keys act.</summary>
    private async Task<(BrowserRound Round, BrowserUser Labeller)> OpenAsync()
    {
        var round = await BrowserRound.CreateAsync(site.Database);
        var labeller = await site.SignedInAsync(Roles.Labeller);
        await labeller.Page.GotoAsync(round.Url);
        await KeysActAsync(labeller.Page);
        return (round, labeller);
    }

    // labelling.js marks <html> once its key listener is attached: keys pressed before that would be lost.
    private static Task KeysActAsync(IPage page) =>
        page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static ILocator Title(IPage page) => page.GetByTestId("title");

    private static ILocator Suggestion(IPage page, BrowserRound round, string path) =>
        page.Locator($".product-card .card-suggestion[data-category='{round.Categories[path]}'] input[type=checkbox]");

    private async Task<int[]?> DecisionAsync(BrowserRound round, BrowserUser labeller, int position)
    {
        await using var db = site.Database.Open();
        var decision = await db.LabelDecisions.SingleOrDefaultAsync(d => d.BatchId == round.BatchId && d.ProductId == round.Products[position]
            && d.Labeller == labeller.UserName);
        return decision is null ? null : [.. decision.PositiveCategoryIds.Order()];
    }

    [ChromiumFact]
    public async Task Shows_the_first_product_with_the_models_suggestions_ticked()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        await Expect(Suggestion(page, round, Cookware)).ToBeCheckedAsync();
        await Expect(Suggestion(page, round, Tableware)).ToBeCheckedAsync();
        await Expect(page.Locator(".product-card kbd.card-shortcut")).ToHaveTextAsync(["1", "2"]);
        await Expect(page.Locator($".product-card .card-rule[data-category='{round.Categories[Cookware]}']")).ToContainTextAsync("r-skillet");
    }

    [ChromiumFact]
    public async Task A_number_toggles_a_suggestion_and_Enter_saves_the_decision_at_once_and_shows_the_next_product()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);

        await page.Keyboard.PressAsync("1");
        await Expect(Suggestion(page, round, Cookware)).Not.ToBeCheckedAsync();
        await Expect(Suggestion(page, round, Tableware)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);
        Assert.Equal(round.Ids("Home", "Home > Kitchen", Tableware), await DecisionAsync(round, labeller, 0));
        Assert.Null(await DecisionAsync(round, labeller, 1));
    }

    [ChromiumFact]
    public async Task Reloading_the_page_resumes_at_the_same_product()
    {
        var (_, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);

        await page.ReloadAsync();
        await KeysActAsync(page);

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);
    }

    [ChromiumFact]
    public async Task U_undoes_the_last_decision_and_brings_its_product_back_as_it_was_decided()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        await page.Keyboard.PressAsync("1");
        await Expect(Suggestion(page, round, Cookware)).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);

        await page.Keyboard.PressAsync("u");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        await Expect(Suggestion(page, round, Cookware)).Not.ToBeCheckedAsync();
        await Expect(Suggestion(page, round, Tableware)).ToBeCheckedAsync();
        Assert.Null(await DecisionAsync(round, labeller, 0));
    }

    [ChromiumFact]
    public async Task After_the_last_product_U_still_brings_it_back()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        foreach (var title in BrowserRound.Titles)
        {
            await Expect(Title(page)).ToHaveTextAsync(title);
            await page.Keyboard.PressAsync("Enter");
        }
        await Expect(page.GetByTestId("queue-message")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("u");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[^1]);
        Assert.Null(await DecisionAsync(round, labeller, BrowserRound.Titles.Length - 1));
    }

    [ChromiumFact]
    public async Task Left_arrow_revisits_the_last_decision_and_Enter_saves_the_change_and_returns_to_the_queue()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        for (var i = 0; i < 2; i++)
        {
            await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[i]);
            await page.Keyboard.PressAsync("Enter");
        }
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[2]);

        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);
        await Expect(page.GetByTestId("revisiting")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("1");
        await Expect(Suggestion(page, round, Tableware)).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[2]);
        await Expect(page.GetByTestId("revisiting")).Not.ToBeVisibleAsync();
        Assert.Equal(round.Ids("Home", "Home > Kitchen"), await DecisionAsync(round, labeller, 1));
    }

    [ChromiumFact]
    public async Task An_unknown_catalogue_in_the_link_is_named_in_a_message()
    {
        await using var labeller = await site.SignedInAsync(Roles.Labeller);

        await labeller.Page.GotoAsync("/label?catalogue=no-such-catalogue");

        await Expect(labeller.Page.GetByTestId("queue-message")).ToContainTextAsync("No catalogue named 'no-such-catalogue'");
    }

    [ChromiumFact]
    public async Task S_skips_the_product_back_to_the_pool_and_shows_the_next()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);

        await page.Keyboard.PressAsync("s");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);
        await using var db = site.Database.Open();
        // One slot, or two when the product is one of the round's overlap items.
        var slots = await db.Assignments.Where(a => a.BatchId == round.BatchId && a.ProductId == round.Products[0]).ToListAsync();
        Assert.DoesNotContain(slots, a => a.Labeller == labeller.UserName);
        Assert.Single(slots, a => a.SkippedBy.SequenceEqual([labeller.UserName]));
        Assert.Null(await DecisionAsync(round, labeller, 0));
    }

    [ChromiumFact]
    public async Task Slash_focuses_the_category_search_at_once_where_typing_finds_a_category_and_Enter_ticks_it()
    {
        var (round, labeller) = await OpenAsync();
        await using var _ = labeller;
        var page = labeller.Page;
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        var search = page.Locator(CategoryPicker.SearchBoxSelector);

        // Typed straight after "/", as people do: the "s" must land in the box, not skip the product.
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("shoes");
        await Expect(search).ToBeFocusedAsync();
        await Expect(search).ToHaveValueAsync("shoes");
        var shoes = page.Locator($".category-picker .picker-row[data-category='{round.Categories["Clothing > Shoes"]}']");
        await Expect(shoes).ToBeVisibleAsync();
        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync("1 match");
        await page.Keyboard.PressAsync("Enter");
        await Expect(shoes.Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(search).Not.ToBeFocusedAsync();
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        await page.Keyboard.PressAsync("Enter");

        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[1]);
        Assert.Equal(round.Ids("Home", "Home > Kitchen", Cookware, Tableware, "Clothing", "Clothing > Shoes"),
            await DecisionAsync(round, labeller, 0));
    }

    [ChromiumFact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_back_to_the_labelling_page()
    {
        var round = await BrowserRound.CreateAsync(site.Database);
        var (userName, password) = await site.App.CreateUserAsync(Roles.Labeller);
        await using var visitor = await site.VisitorAsync();
        var page = visitor.Page;

        await page.GotoAsync(round.Url);
        Assert.StartsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/label");
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
    }

    [ChromiumTheory]
    [InlineData("/admin/users")]
    [InlineData("/label/review")]
    public async Task A_labeller_is_denied_the_admins_pages(string path)
    {
        await using var labeller = await site.SignedInAsync(Roles.Labeller);

        await labeller.Page.GotoAsync(path);

        Assert.Equal("/account/denied", new Uri(labeller.Page.Url).AbsolutePath);
        await Expect(labeller.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }
}
