using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;
using ProductClassifier.Training.Serving;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Training.Serving;

public sealed class ClassifyApiTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-serve-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Classifies_single_and_batch_requests_with_an_api_key_and_refuses_without()
    {
        await using var db = database.Open();
        await TrainDemoAsync(db);
        var (_, secret) = await new ApiKeys(db).IssueAsync("shop", Roles.Classifier);
        var url = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { [ModelStore.RootKey] = Path.Combine(_folder, "models") }).Build();
        await using var app = ServeHost.Build(database.ConnectionString, configuration, url);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var product = new { id = "a1", title = "Leather ankle boots for women", brand = "Acme", price = 79.0 };

        var anonymous = await http.PostAsJsonAsync("/api/classify?catalogue=serve", product);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        http.DefaultRequestHeaders.Add(ApiKeys.Header, secret);
        var single = await http.PostAsJsonAsync("/api/classify?catalogue=serve", product);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var response = (await single.Content.ReadFromJsonAsync<ClassifyResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        Assert.Equal(1, response.ModelVersion);
        Assert.Equal("a1", Assert.Single(response.Results).Id);
        Assert.All(response.Results[0].Categories, c => Assert.InRange(c.Probability, 0, 1));

        var batch = await http.PostAsJsonAsync("/api/classify?catalogue=serve", new[] { product, product with { id = "a2" } });
        var batchResponse = (await batch.Content.ReadFromJsonAsync<ClassifyResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        Assert.Equal(new[] { "a1", "a2" }, batchResponse.Results.Select(r => r.Id ?? "").ToArray());
        Assert.Equal(batchResponse.Results[0].Categories, batchResponse.Results[1].Categories);

        var garbage = await http.PostAsync("/api/classify?catalogue=serve", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var openApi = await http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/classify", openApi);
        await app.StopAsync();
    }

    private async Task TrainDemoAsync(ClassifierDb db)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(250, Seed: 8));
        var imported = await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images"))).ImportAsync(summary.Folder, true, "serve");
        var corpus = await CorpusLoader.FromDatabaseAsync(db, imported.Catalogue, _ => null);
        var request = new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear"], Folds = 0, Epochs = 3 };
        await new VersionTrainer(db, new ModelStore(Path.Combine(_folder, "models")), new NullMetricsSink(), null)
            .TrainAsync(imported.Catalogue, corpus, request, activate: true, Path.Combine(_folder, "checkpoints"), CancellationToken.None);
    }
}
