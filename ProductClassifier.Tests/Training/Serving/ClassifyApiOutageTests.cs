using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Serving;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Serving;

/// <summary>The classify API while PostgreSQL is stopped and started again under it.</summary>
public sealed class ClassifyApiOutageTests(RestartablePostgres postgres) : IClassFixture<RestartablePostgres>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-serve-outage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_database_restart_is_answered_503_with_retry_after_and_the_api_serves_again_after_it()
    {
        string secret;
        await using (var db = postgres.Open()) (_, secret) = await new ApiKeys(db).IssueAsync("shop", Roles.Labeller);
        var url = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { [ModelStore.RootKey] = Path.Combine(_folder, "models") }).Build();
        await using var app = ServeHost.Build(postgres.ConnectionString, configuration, url);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add(ApiKeys.Header, secret);
        var product = new { id = "a1", title = "Leather ankle boots" };
        var before = (await http.PostAsJsonAsync("/api/classify?catalogue=nowhere", product)).StatusCode;
        Assert.True(before is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError), $"answered {before} before the outage");

        postgres.Stop();
        using (var during = await http.PostAsJsonAsync("/api/classify?catalogue=nowhere", product))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutageResponses.RetryAfterSeconds), during.Headers.RetryAfter?.Delta);
        }
        await postgres.StartAsync();

        // The first request after the restart may still meet a connection the restart cut: it is answered 503 too.
        var after = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 3 && after == HttpStatusCode.ServiceUnavailable; attempt++)
            after = (await http.PostAsJsonAsync("/api/classify?catalogue=nowhere", product)).StatusCode;
        Assert.Equal(before, after);
        await app.StopAsync();
    }
}
