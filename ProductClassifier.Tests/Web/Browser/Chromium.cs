using Microsoft.Playwright;

namespace ProductClassifier.Tests.Web.Browser;

/// <summary>
/// Debian's Chromium (<c>scripts/ensure-chromium.sh</c> installs it), driven by Playwright. Playwright's own browser
/// downloads are never used: the machines that run the tests are offline.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public const string MissingReason = $"Chromium is not installed at {ExecutablePath} (scripts/ensure-chromium.sh installs it; ./test runs it)";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root in a container has no sandbox to use; the rest keeps an offline test browser quiet.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
