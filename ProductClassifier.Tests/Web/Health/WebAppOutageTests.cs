using System.Net;
using System.Net.Http.Headers;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Health;

/// <summary>The web app's pages and APIs while PostgreSQL is stopped and started again under it.</summary>
public sealed class WebAppOutageTests(RestartablePostgres postgres) : IClassFixture<RestartablePostgres>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-outage-");

    public void Dispose() => _images.Delete(recursive: true);

    [Fact]
    public async Task A_database_restart_is_answered_503_with_retry_after_a_page_that_reloads_itself_and_then_normally_again()
    {
        long productId;
        await using (var db = postgres.Open())
        {
            var catalogue = await TestCatalogue.CreateAsync(db);
            productId = (await TestCatalogue.AddProductAsync(db, catalogue.Id, "Leather ankle boots")).Id;
        }
        await using var app = new WebAppFactory(postgres.ConnectionString, _images.FullName);
        using var admin = await app.SignedInClientAsync(Roles.Admin);
        var api = $"/api/products/{productId}/similar";
        var apiBefore = (await admin.GetAsync(api)).StatusCode;
        Assert.True(apiBefore is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError), $"{api} answered {apiBefore} before the outage");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Page())).StatusCode);

        postgres.Stop();
        try
        {
            using var apiDuring = await admin.GetAsync(api);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, apiDuring.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutageResponses.RetryAfterSeconds), apiDuring.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", apiDuring.Content.Headers.ContentType?.MediaType);

            using var pageDuring = await admin.SendAsync(Page());
            var html = await pageDuring.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pageDuring.StatusCode);
            Assert.Equal("text/html", pageDuring.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Reconnecting", html, StringComparison.Ordinal);
            Assert.Contains($"http-equiv=\"refresh\" content=\"{DatabaseOutageResponses.RetryAfterSeconds}\"", html, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.StartAsync();
        }

        // The first requests after the restart may still meet a connection the restart cut: they are answered 503 too.
        var apiAfter = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 3 && apiAfter == HttpStatusCode.ServiceUnavailable; attempt++) apiAfter = (await admin.GetAsync(api)).StatusCode;
        Assert.Equal(apiBefore, apiAfter);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Page())).StatusCode);
    }

    /// <summary>A browser's request for a page: it accepts HTML.</summary>
    private static HttpRequestMessage Page() =>
        new(HttpMethod.Get, "/products") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/html") } } };
}
