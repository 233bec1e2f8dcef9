using Microsoft.Playwright;

namespace ProductClassifier.Benchmarks;

/// <summary>Debian's Chromium driven by Playwright (never Playwright's own browser downloads), with signed-in pages.</summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new Core.UserFacingException($"Chromium is not installed at {ExecutablePath}: sudo apt-get install chromium (or scripts/ensure-chromium.sh as root).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>A page in a browser context of its own (its own cookies), signed in through the sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(Uri site, string userName, string password, int width = 1440, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = site.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Resolves once the labelling page's keys act (labelling.js marks &lt;html&gt;): keys pressed before are lost.</summary>
    public static Task LabellingKeysActAsync(IPage page) =>
        page.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
