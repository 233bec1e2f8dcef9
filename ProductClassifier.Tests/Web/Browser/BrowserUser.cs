using Microsoft.Playwright;

namespace ProductClassifier.Tests.Web.Browser;

/// <summary>Someone at a browser: their user name, and one page in a context (cookies) of their own.</summary>
public sealed record BrowserUser(string UserName, IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
