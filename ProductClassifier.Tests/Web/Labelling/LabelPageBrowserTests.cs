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

    [ChromiumFact]
    public async Task Without_a_catalogue_in_the_link_the_labeller_chooses_among_the_open_rounds_by_name()
    {
        var (first, second) = (await BrowserRound.CreateAsync(site.Database), await BrowserRound.CreateAsync(site.Database));
        await using var labeller = await site.SignedInAsync(Roles.Labeller);
        var page = labeller.Page;

        await page.GotoAsync("/label");

        await Expect(page.GetByTestId("queue-message")).ToContainTextAsync("Rounds are open in several catalogues");
        var choices = page.GetByTestId("round-choices");
        await Expect(choices).ToContainTextAsync($"{first.Catalogue}: round 1, 0 of 4 decided");
        await choices.GetByText(second.Catalogue, new() { Exact = true }).ClickAsync();
        await KeysActAsync(page);
        await Expect(Title(page)).ToHaveTextAsync(BrowserRound.Titles[0]);
        Assert.Equal(second.Url, new Uri(page.Url).PathAndQuery);
    }

    /// <summary>
    /// The card at common widths and on a 1024 px laptop: a rule with many terms (a long chip) beside its category, where
    /// the chips once covered the category's name, and nothing pushed past the card or the window.
    /// </summary>
    [ChromiumFact]
    public async Task The_product_card_lays_out_without_overlaps_or_sideways_scrolling_from_1024_to_1920_px()
    {
        var round = await BrowserRound.CreateAsync(site.Database);
        await using (var db = site.Database.Open())
        {
            var rule = await db.Rules.SingleAsync(r => r.Code == "r-skillet" && db.Catalogues.Any(c => c.Id == r.CatalogueId && c.Name == round.Catalogue));
            rule.Code = "r52";
            rule.Terms = ["skillet", "cast iron pan", "frying pan", "grill pan", "dutch oven", "saute pan", "wok", "griddle"];
            await db.SaveChangesAsync();
        }
        await using var labeller = await site.SignedInAsync(Roles.Labeller);
        var page = labeller.Page;
        await page.GotoAsync(round.Url);
        await KeysActAsync(page);
        await Expect(page.Locator(".product-card .card-rule-name").First).ToContainTextAsync("r52 (title: skillet, cast iron pan");

        var problems = new List<string>();
        foreach (var (width, height) in new[] { (1024, 768), (1280, 800), (1440, 900), (1680, 1050), (1920, 1080) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForFunctionAsync($"() => window.innerWidth === {width}");
            problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblems)).Select(p => $"at {width}x{height}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    /// <summary>
    /// In the card's category rows: a category's path or name overlapping a rule chip or a confidence figure, anything
    /// ending past the card, and a page wider than the window.
    /// </summary>
    private const string LayoutProblems = """
        () => {
          const box = e => e.getBoundingClientRect();
          const name = e => `${e.getAttribute('class')?.split(' ').find(c => c.startsWith('card-')) ?? e.tagName} "${e.textContent.trim().slice(0, 40)}"`;
          const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const card = document.querySelector('.product-card');
          const edge = box(card).right;
          const problems = [];
          for (const row of card.querySelectorAll('.card-rule, .card-suggestion')) {
            const parts = [...row.querySelectorAll('.card-path, .card-path-name, .card-rule-name, .card-confidence, .card-confidence-bar')]
              .filter(e => box(e).width > 0);
            for (let i = 0; i < parts.length; i++)
              for (let j = i + 1; j < parts.length; j++)
                if (!parts[i].contains(parts[j]) && !parts[j].contains(parts[i]) && overlap(box(parts[i]), box(parts[j])))
                  problems.push(`${name(parts[i])} overlaps ${name(parts[j])}`);
            for (const part of [row, ...parts])
              if (box(part).right > edge + 1) problems.push(`${name(part)} ends ${Math.round(box(part).right - edge)} px past the card`);
          }
          const page = document.documentElement;
          if (page.scrollWidth > page.clientWidth + 1) problems.push(`the page is ${page.scrollWidth} px wide in a ${page.clientWidth} px window`);
          return problems;
        }
        """;
}
