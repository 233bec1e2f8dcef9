using System.Net;
using System.Text.Json.Nodes;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Health;

/// <summary>The web app's liveness and readiness, anonymous, as a container health check or a load balancer calls them.</summary>
public sealed class WebHealthTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-health-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Live_and_ready_answer_200_with_the_database_and_the_similarity_index_checked()
    {
        await using var app = new WebAppFactory(database.ConnectionString, _folder,
            new Dictionary<string, string> { ["Similarity:Folder"] = Path.Combine(_folder, "similarity") });
        using var client = app.CreateClient();

        var live = await client.GetAsync(HealthEndpoints.LivePath);
        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        Assert.Equal("Healthy", (string?)checks["database"]!["status"]);
        Assert.Equal("Healthy", (string?)checks["similarity"]!["status"]);
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_similarity_index_when_Elasticsearch_cannot_be_reached_while_live_stays_200()
    {
        await using (var db = database.Open())
        {
            db.Catalogues.Add(new ProductClassifier.Core.Catalog.Catalogue { Name = "health" });
            await db.SaveChangesAsync();
        }
        await using var app = new WebAppFactory(database.ConnectionString, _folder, new Dictionary<string, string>
        {
            ["Similarity:Kind"] = "Elasticsearch",
            ["Similarity:ElasticsearchUrl"] = $"http://127.0.0.1:{LocalPostgres.FreePort()}", // nothing listens there
            ["Similarity:ElasticsearchRetries"] = "0",
        });
        using var client = app.CreateClient();

        var live = await client.GetAsync(HealthEndpoints.LivePath);
        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        Assert.Equal("Healthy", (string?)checks["database"]!["status"]);
        Assert.Equal("Unhealthy", (string?)checks["similarity"]!["status"]);
        Assert.Contains("'health'", (string?)checks["similarity"]!["description"]);
    }
}
