using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Tests.Web.Browser;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>An open page in a real browser (a live Blazor circuit, which makes no HTTP request a cookie check could stop).</summary>
public sealed class OpenPageBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [ChromiumFact]
    public async Task An_open_page_goes_to_the_sign_in_page_when_an_admin_disables_the_account()
    {
        await using (var db = site.Database.Open()) await TestCatalogue.CreateAsync(db);
        var labeller = await site.SignedInAsync(Roles.Labeller);
        await using var _ = labeller;
        var page = labeller.Page;
        await page.GotoAsync("/products");
        // Typing searches only once the circuit runs: the address then carries the search.
        await page.GetByPlaceholder("Search title, brand or id").FillAsync("mug");
        await page.WaitForURLAsync(url => url.Contains("q=mug", StringComparison.Ordinal));

        await using (var scope = site.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().DisableAsync(labeller.UserName);

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
    }
}
