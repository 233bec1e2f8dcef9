using Microsoft.Playwright;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Browser;

/// <summary>
/// The web app served by Kestrel on a database of its own, and a headless Chromium to drive it: one per test class
/// (a class fixture), since starting both takes seconds. Tests share the server and nothing else: each sets up its
/// own catalogue and signs in as a new user in a browser context of its own (its own cookies).
/// </summary>
public class BrowserSite : IAsyncLifetime
{
    public BrowserSite() : this(new TestDatabase()) { }

    protected BrowserSite(IDatabaseUnderTest database) => Database = database;

    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-browser-images-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IDatabaseUnderTest Database { get; }
    public WebAppFactory App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    /// <summary>The folder the app serves product images from.</summary>
    public string ImageRoot => _images.FullName;

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled) return; // every test of the class is reported skipped
        await Database.InitializeAsync();
        // Open pages notice an admin's change to their account within a second (Access/CircuitRevalidation).
        App = new WebAppFactory(Database.ConnectionString, _images.FullName,
            new Dictionary<string, string> { ["Access:RevalidationInterval"] = "00:00:01" });
        Address = App.ServeOnKestrel();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A visitor who has not signed in, in a browser context of their own.</summary>
    public async Task<BrowserUser> VisitorAsync(string name = "anonymous")
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = Address.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        // A failed wait says so within seconds rather than the default half minute.
        context.SetDefaultTimeout(15_000);
        return new BrowserUser(name, context, await context.NewPageAsync());
    }

    /// <summary>A new account with <paramref name="role"/>, signed in through the sign-in form.</summary>
    public async Task<BrowserUser> SignedInAsync(string role)
    {
        var (userName, password) = await App.CreateUserAsync(role);
        var user = await VisitorAsync(userName);
        await user.Page.GotoAsync("/account/login");
        await user.Page.FillAsync("#username", userName);
        await user.Page.FillAsync("#password", password);
        await user.Page.ClickAsync("button[type=submit]");
        await user.Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return user;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Chromium.IsInstalled) await Database.DisposeAsync();
        _images.Delete(recursive: true);
    }
}
