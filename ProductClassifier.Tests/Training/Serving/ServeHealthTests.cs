using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Serving;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Serving;

/// <summary>The classify API's liveness and readiness: ready once the database answers and every active model is loaded.</summary>
public sealed class ServeHealthTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-serve-health-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ready_is_200_with_no_model_yet_and_503_naming_an_active_model_that_cannot_be_loaded()
    {
        var url = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { [ModelStore.RootKey] = Path.Combine(_folder, "models") }).Build();
        await using var app = ServeHost.Build(database.ConnectionString, configuration, url);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var live = await http.GetAsync(HealthEndpoints.LivePath);
        var empty = await http.GetAsync(HealthEndpoints.ReadyPath);
        await using (var db = database.Open())
        {
            var catalogue = new Catalogue { Name = "serve-health" };
            db.Catalogues.Add(catalogue);
            await db.SaveChangesAsync();
            db.ModelVersions.Add(new ModelVersion { CatalogueId = catalogue.Id, Number = 1, Folder = "serve-health/v1", Members = "linear", IsActive = true });
            await db.SaveChangesAsync();
        }
        var missing = await http.GetAsync(HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
        var models = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["checks"]!["models"]!;
        Assert.Equal("Unhealthy", (string?)models["status"]);
        Assert.Contains("cannot be loaded", (string?)models["description"]);
        await app.StopAsync();
    }
}
