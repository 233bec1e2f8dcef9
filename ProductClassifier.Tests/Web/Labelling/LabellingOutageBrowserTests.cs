using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Web.Browser;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Labelling;

/// <summary>The labelling page while PostgreSQL is stopped and started again under the app (<c>./pc db stop; ./pc db start</c>).</summary>
public sealed class LabellingOutageBrowserTests(OutageBrowserSite site) : IClassFixture<OutageBrowserSite>
{
    [ChromiumFact]
    public async Task A_database_restart_mid_batch_shows_reconnecting_then_saves_the_decision_and_loses_none()
    {
        var round = await BrowserRound.CreateAsync(site.Database);
        await using var labeller = await site.SignedInAsync(Roles.Labeller);
        var page = labeller.Page;
        await page.GotoAsync(round.Url);
        await page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var title = page.GetByTestId("title");
        await Expect(title).ToHaveTextAsync(BrowserRound.Titles[0]);
        await page.Keyboard.PressAsync("Enter");
        await Expect(title).ToHaveTextAsync(BrowserRound.Titles[1]);

        site.Postgres.Stop();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("reconnecting")).ToBeVisibleAsync();
        await Expect(title).ToHaveTextAsync(BrowserRound.Titles[1]); // not shown as saved while it is not
        await site.Postgres.StartAsync();

        await Expect(title).ToHaveTextAsync(BrowserRound.Titles[2], new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("reconnecting")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Enter");
        await Expect(title).ToHaveTextAsync(BrowserRound.Titles[3]);

        await using var db = site.Database.Open();
        var decided = await db.LabelDecisions.Where(d => d.BatchId == round.BatchId && d.Labeller == labeller.UserName)
            .Select(d => d.ProductId).ToListAsync();
        Assert.Equal(round.Products.Take(3).Order(), decided.Order());
    }
}
