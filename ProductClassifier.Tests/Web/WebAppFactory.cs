using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Web.Catalog;

namespace ProductClassifier.Tests.Web;

/// <summary>
/// The web app on a test's own database and image folder. A Web type names the entry assembly because
/// the Training project's Program is visible to the tests as well.
/// </summary>
public sealed class WebAppFactory(string connectionString, string imageRoot) : WebApplicationFactory<ProductRow>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting(ImageStore.RootKey, imageRoot);
    }

    /// <summary>The HTML the server renders for a page (Blazor's prerender, before any circuit starts).</summary>
    public async Task<string> GetHtmlAsync(string url)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
