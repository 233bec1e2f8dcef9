using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Web.Labelling;
using ProductClassifier.Tests.Web.Browser;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>An open page in a real browser (a live Blazor circuit, which makes no HTTP request a cookie check could stop).</summary>
public sealed class OpenPageBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task A_labeller_mid_labelling_goes_to_the_sign_in_page_when_an_admin_disables_the_account()
    {
        var round = await BrowserRound.CreateAsync(site.Database);
        var labeller = await site.SignedInAsync(Roles.Labeller);
        await using var _ = labeller;
        var page = labeller.Page;
        await page.GotoAsync(round.Url);
        // labelling.js marks <html> once the circuit runs the page's key listener.
        await page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("title")).ToHaveTextAsync(BrowserRound.Titles[0]);

        await using (var scope = site.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().DisableAsync(labeller.UserName);

        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 15_000 });
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task An_admin_disables_and_enables_an_account_and_issues_a_key_that_expires_on_the_users_page()
    {
        var (target, _) = await site.App.CreateUserAsync(Roles.Labeller);
        var admin = await site.SignedInAsync(Roles.Admin);
        await using var _ = admin;
        var page = admin.Page;
        // The labelling page says when its circuit runs; from there the menu opens the users page in the same circuit,
        // so its buttons act from the start (a click on a page still prerendered would be lost).
        await page.GotoAsync("/label");
        await page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Link, new() { Name = "Users and keys" }).ClickAsync();
        var row = page.Locator("tr", new() { Has = page.GetByTestId("user-name").Filter(new() { HasText = target }) });

        await row.GetByTestId("disable").ClickAsync();

        await Expect(row.GetByTestId("disabled")).ToBeVisibleAsync();
        Assert.True(await DisabledAsync(target));
        await Expect(page.Locator("tr", new() { Has = page.GetByTestId("user-name").Filter(new() { HasText = admin.UserName }) })
            .GetByTestId("disable")).ToHaveCountAsync(0); // no button to lock oneself out

        await row.GetByTestId("enable").ClickAsync();

        await Expect(row.GetByTestId("disabled")).ToHaveCountAsync(0);
        Assert.False(await DisabledAsync(target));

        await page.GetByLabel("Key for (shop, notebook…)").FillAsync("month-key");
        await page.GetByTestId("key-expires").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "30 days" }).ClickAsync();
        // The select sets its value, then closes its list: once closed, Issue reads 30 days, not the default (a click
        // on Issue while the choice is still on its way would issue a 90-day key).
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "30 days" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue" }).ClickAsync();

        await Expect(page.GetByTestId("secret")).ToContainTextAsync("expires");
        await using var db = site.Database.Open();
        var key = await db.ApiKeys.SingleAsync(k => k.Name == "month-key");
        Assert.InRange(key.ExpiresAt!.Value - key.CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
    }

    private async Task<bool> DisabledAsync(string userName)
    {
        await using var scope = site.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserAccounts>().ListAsync()).Single(a => a.UserName == userName).Disabled;
    }
}
