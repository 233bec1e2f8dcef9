using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Tests.Deployment;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Tests.Web.Browser;
using ProductClassifier.Web.Access;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Labelling;

/// <summary>
/// The web app as <c>./run</c> starts it (its own process, from its build output), killed with SIGKILL in the middle of
/// a labeller's batch and started again: nothing a labeller saw as saved may be lost, and they go on where they were.
/// </summary>
public sealed class WebAppCrashBrowserTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly string _data = Directory.CreateTempSubdirectory("pc-web-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [ChromiumFact]
    public async Task A_web_app_killed_mid_batch_and_started_again_keeps_every_saved_decision_and_the_labeller_resumes_at_the_same_product()
    {
        var round = await BrowserRound.CreateAsync(database);
        string userName, password;
        await using (var accounts = new WebAppFactory(database.ConnectionString, _data)) (userName, password) = await accounts.CreateUserAsync(Roles.Labeller);
        var port = LocalPostgres.FreePort();
        var web = await StartWebAsync(port);
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var context = await browser.NewContextAsync(new() { BaseURL = $"http://127.0.0.1:{port}", ViewportSize = new() { Width = 1400, Height = 1000 } });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#username", userName);
            await page.FillAsync("#password", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            await page.GotoAsync(round.Url);
            await page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var title = page.GetByTestId("title");
            await Expect(title).ToHaveTextAsync(BrowserRound.Titles[0]);
            await page.Keyboard.PressAsync("Enter");
            await Expect(title).ToHaveTextAsync(BrowserRound.Titles[1]);
            await page.Keyboard.PressAsync("Enter");
            await Expect(title).ToHaveTextAsync(BrowserRound.Titles[2]); // two decisions shown as saved

            await page.EvaluateAsync("() => window.beforeTheCrash = true");
            web.Process.Kill(); // SIGKILL: no shutdown, no flush
            await web.Process.WaitForExitAsync();
            Assert.Equal(round.Products.Take(2).Order(), await DecidedAsync(round, userName));
            web.Dispose();
            web = await StartWebAsync(port);

            // The browser finds its circuit gone and loads the page again by itself; the sign-in cookie still holds
            // (the data-protection keys are kept on disk), and the batch opens at the first undecided product.
            await page.WaitForFunctionAsync("() => window.beforeTheCrash === undefined", null, new() { Timeout = 120_000 });
            await page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            await Expect(title).ToHaveTextAsync(BrowserRound.Titles[2]);
            await page.Keyboard.PressAsync("Enter");
            await Expect(title).ToHaveTextAsync(BrowserRound.Titles[3]);
            Assert.Equal(round.Products.Take(3).Order(), await DecidedAsync(round, userName));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
            web.Dispose();
        }
    }

    /// <summary>The products <paramref name="labeller"/> has decided in the round's batch (a product twice would show twice).</summary>
    private async Task<List<long>> DecidedAsync(BrowserRound round, string labeller)
    {
        await using var db = database.Open();
        return await db.LabelDecisions.Where(d => d.BatchId == round.BatchId && d.Labeller == labeller).Select(d => d.ProductId).OrderBy(p => p).ToListAsync();
    }

    /// <summary>The web app from its build output with the settings <c>./run</c> gives it, answering on <paramref name="port"/>.</summary>
    private async Task<PublishedProcess> StartWebAsync(int port)
    {
        var repository = ProjectRoot.Find();
        // The tests' build configuration (bin/Debug/net10.0 or bin/Release/net10.0): the web app was built with it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var web = Path.Combine(repository, "ProductClassifier.Web", "bin", output.Parent!.Name, output.Name);
        var process = PublishedApps.Start(web, "ProductClassifier.Web.dll",
            ["--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(repository, "ProductClassifier.Web")],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["Database__Migrate"] = "false",
                [ProjectRoot.EnvironmentVariable] = _data,
                [ImageStore.RootKey.Replace(":", "__", StringComparison.Ordinal)] = Path.Combine(_data, "images"),
                // Kept on disk, as ./run's profile folder or compose's volume keeps them: the sign-in cookie outlives the crash.
                [SignInExtensions.KeysFolderKey.Replace(":", "__", StringComparison.Ordinal)] = Path.Combine(_data, "keys"),
            });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await process.WaitUntilLiveAsync(client, Generous);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}
