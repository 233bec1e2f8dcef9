using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary><c>GET /api/products/{id}/similar</c> against an index the test builds and publishes as the CLI would.</summary>
public sealed class SimilarityApiTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");
    private readonly PublishedIndex _index = new();

    public void Dispose()
    {
        _images.Delete(recursive: true);
        _index.Dispose();
    }

    private WebAppFactory App() => new(database.ConnectionString, _images.FullName, _index.Settings());

    /// <summary>
    /// A query mug and four others at known angles from it — created in an order unlike their distance — two of them
    /// mugs and two vases, one with an image; and a product that has no embedding.
    /// </summary>
    private async Task<(Catalogue Catalogue, Dictionary<string, long> Ids, IReadOnlyDictionary<string, int> Categories)> SeedAsync()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Home > Mugs", "Home > Vases");
        var ids = new Dictionary<string, long>();
        var vectors = new List<(long, float[])>();
        foreach (var (title, angle, category) in new[]
                 {
                     ("query mug", 0.0, "Home > Mugs"), ("far vase", 1.2, "Home > Vases"), ("second mug", 0.3, "Home > Mugs"),
                     ("third vase", 0.6, "Home > Vases"), ("fourth mug", 0.9, "Home > Mugs"),
                 })
        {
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, title, brand: "Acme");
            ids[title] = product.Id;
            vectors.Add((product.Id, PublishedIndex.AtAngle(angle, ids.Count)));
            await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, categories["Home"], categories[category]);
        }
        db.Products.Find(ids["second mug"])!.ImageRef = "second.png";
        await db.SaveChangesAsync();
        ids["no image"] = (await TestCatalogue.AddProductAsync(db, catalogue.Id, "no image")).Id;
        await _index.PublishAsync(db, catalogue.Id, catalogue.Name, vectors);
        return (catalogue, ids, categories);
    }

    private static async Task<SimilarResponse> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SimilarResponse>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_a_signed_in_person_or_an_api_key_gets_200()
    {
        var (_, ids, _) = await SeedAsync();
        await using var app = App();
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        using var labeller = await app.SignedInClientAsync(Roles.Labeller);
        string key;
        await using (var db = database.Open()) key = (await new ApiKeys(db).IssueAsync("shop", Roles.Labeller)).Secret;
        var url = $"/api/products/{ids["query mug"]}/similar";

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/similar", new MultipartFormDataContent())).StatusCode);
        using var badKey = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { ApiKeys.Header, "pc_not-a-key" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(badKey)).StatusCode);
        using var withKey = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { ApiKeys.Header, key } } };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(withKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await labeller.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_products_neighbours_come_back_nearest_first_and_a_newly_published_index_is_picked_up()
    {
        var (catalogue, ids, _) = await SeedAsync();
        await using var app = App();
        using var client = await app.SignedInClientAsync(Roles.Admin);

        var similar = await ReadAsync(await client.GetAsync($"/api/products/{ids["query mug"]}/similar?k=3"));

        Assert.Equal(["second mug", "third vase", "fourth mug"], similar.Products.Select(p => p.Title));
        Assert.Equal([ids["second mug"], ids["third vase"], ids["fourth mug"]], similar.Products.Select(p => p.Id));
        Assert.Equal([1, 2, 3], similar.Products.Select(p => p.Rank));
        foreach (var (angle, product) in new[] { 0.3, 0.6, 0.9 }.Zip(similar.Products)) Assert.Equal(1 - Math.Cos(angle), product.Distance, 1e-4);
        Assert.All(similar.Products, p => Assert.Equal(1 - p.Distance, p.Similarity, 1e-6f));
        var second = similar.Products[0];
        Assert.Equal(("Acme", $"/images/{ids["second mug"]}"), (second.Brand, second.ImageUrl));
        Assert.Equal(["Home > Mugs"], second.Categories);
        Assert.Null(similar.Products[1].ImageUrl);
        Assert.Equal((catalogue.Name, ids["query mug"], 3), (similar.Catalogue, similar.Query!.Id, similar.K));

        // The worker publishes a product nearer than any: the web app (a reader, holding no lock) serves it next.
        await using (var db = database.Open())
        {
            var nearest = await TestCatalogue.AddProductAsync(db, catalogue.Id, "nearest mug");
            ids["nearest mug"] = nearest.Id;
            await _index.PublishAsync(db, catalogue.Id, catalogue.Name, [(nearest.Id, PublishedIndex.AtAngle(0.1, 10))]);
        }
        var after = await ReadAsync(await client.GetAsync($"/api/products/{ids["query mug"]}/similar?k=2"));
        Assert.Equal(["nearest mug", "second mug"], after.Products.Select(p => p.Title));
    }

    [Fact]
    public async Task A_category_filter_by_path_or_id_keeps_its_products_only()
    {
        var (_, ids, categories) = await SeedAsync();
        await using var app = App();
        using var client = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/api/products/{ids["query mug"]}/similar";

        var vases = await ReadAsync(await client.GetAsync($"{url}?category={Uri.EscapeDataString("Home > Vases")}"));
        var mugs = await ReadAsync(await client.GetAsync($"{url}?category={categories["Home > Mugs"]}"));

        Assert.Equal(["third vase", "far vase"], vases.Products.Select(p => p.Title));
        Assert.Equal("Home > Vases", vases.Category);
        Assert.Equal(["second mug", "fourth mug"], mugs.Products.Select(p => p.Title));
    }

    [Fact]
    public async Task Unknown_products_get_404_products_without_an_embedding_409_and_bad_parameters_400()
    {
        var (_, ids, _) = await SeedAsync();
        await using var app = App();
        using var client = await app.SignedInClientAsync(Roles.Admin);

        var unknown = await client.GetAsync("/api/products/999999999/similar");
        var noEmbedding = await client.GetAsync($"/api/products/{ids["no image"]}/similar");
        var badCategory = await client.GetAsync($"/api/products/{ids["query mug"]}/similar?category=Garden");
        var badK = await client.GetAsync($"/api/products/{ids["query mug"]}/similar?k=0");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No product 999999999", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, noEmbedding.StatusCode);
        Assert.Contains("has no image embedding yet", await noEmbedding.Content.ReadAsStringAsync());
        Assert.Contains("No category 'Garden'", await ErrorAsync(badCategory, "category"));
        Assert.Contains("between 1 and 100", await ErrorAsync(badK, "k"));
    }

    [Fact]
    public async Task A_labeller_sees_the_models_categories_never_another_labellers_decision_or_the_reference_labels()
    {
        var (catalogue, ids, categories) = await SeedAsync();
        await using (var db = database.Open())
        {
            // The reference labels say mug; another labeller decided "vase" for the query; the model predicts the query a
            // vase and the second mug a mug; the other products have no prediction and no rule label.
            var model = new ProductClassifier.Core.ModelVersions.ModelVersion
            { CatalogueId = catalogue.Id, Number = 1, Folder = "v1", Members = "meta", IsActive = true };
            db.ModelVersions.Add(model);
            db.LabelDecisions.Add(new ProductClassifier.Core.Labelling.LabelDecision
            { ProductId = ids["query mug"], Labeller = "other-labeller", PositiveCategoryIds = [categories["Home"], categories["Home > Vases"]] });
            await db.SaveChangesAsync();
            db.Predictions.AddRange(
                new ProductClassifier.Core.ModelVersions.Prediction
                {
                    ProductId = ids["query mug"],
                    ModelVersionId = model.Id,
                    Categories = $$"""[{"categoryId": {{categories["Home > Vases"]}}, "path": "Home > Vases", "probability": 0.7}]"""
                },
                new ProductClassifier.Core.ModelVersions.Prediction
                {
                    ProductId = ids["second mug"],
                    ModelVersionId = model.Id,
                    Categories = $$"""[{"categoryId": {{categories["Home > Mugs"]}}, "path": "Home > Mugs", "probability": 0.8}]"""
                });
            await db.SaveChangesAsync();
        }
        await using var app = App();
        using var labeller = await app.SignedInClientAsync(Roles.Labeller);
        using var scientist = await app.SignedInClientAsync(Roles.DataScientist);
        using var admin = await app.SignedInClientAsync(Roles.Admin);
        string key;
        await using (var db = database.Open()) key = (await new ApiKeys(db).IssueAsync("labeller-notebook", Roles.Labeller)).Secret;
        var url = $"/api/products/{ids["query mug"]}/similar?k=4";
        using var byKey = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { ApiKeys.Header, key } } };

        foreach (var blind in new[] { await ReadAsync(await labeller.GetAsync(url)), await ReadAsync(await scientist.GetAsync(url)),
                     await ReadAsync(await labeller.SendAsync(byKey)) })
        {
            Assert.Equal(SimilarResponse.FromModel, blind.CategoriesFrom);
            Assert.Equal(["Home > Vases"], blind.Query!.Categories); // the model's, not the reference label "Mugs"
            Assert.Equal(["Home > Mugs"], blind.Products.Single(p => p.Title == "second mug").Categories);
            Assert.All(blind.Products.Where(p => p.Title != "second mug"), p => Assert.Empty(p.Categories));
        }
        var seeing = await ReadAsync(await admin.GetAsync(url));
        Assert.Equal(SimilarResponse.FromLabels, seeing.CategoriesFrom);
        Assert.Equal(["Home > Vases"], seeing.Query!.Categories); // the latest decision
        Assert.Equal(["Home > Mugs"], seeing.Products.Single(p => p.Title == "fourth mug").Categories); // reference labels
    }

    [Fact]
    public async Task A_labeller_may_not_filter_by_category_since_the_filter_matches_labels()
    {
        var (_, ids, _) = await SeedAsync();
        await using var app = App();
        using var labeller = await app.SignedInClientAsync(Roles.Labeller);

        var refused = await labeller.GetAsync($"/api/products/{ids["query mug"]}/similar?category={Uri.EscapeDataString("Home > Mugs")}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("only admins see", problem.RootElement.GetProperty("errors").GetProperty("category")[0].GetString());
    }

    /// <summary>The message a 400 validation problem gives for <paramref name="field"/>.</summary>
    internal static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }
}
