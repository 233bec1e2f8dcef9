using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Tests.Core.Features.Pretrained;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Similarity;
using SkiaSharp;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary><c>POST /api/similar</c>: an uploaded image, featurised by the web app's ResNet18, searched in the published index.</summary>
public sealed class SimilarityUploadTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");
    private readonly PublishedIndex _index = new();
    private readonly TestImages _files = new();

    public void Dispose()
    {
        _images.Delete(recursive: true);
        _index.Dispose();
        _files.Dispose();
    }

    private static MultipartFormDataContent Form(string field, byte[] content, string fileName = "photo.png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    [Fact]
    public async Task Bad_uploads_get_a_clear_problem_that_names_the_image_field()
    {
        await using (var db = database.Open()) await TestCatalogue.CreateAsync(db);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName, _index.Settings(maxUploadBytes: 4096));
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        var notMultipart = await client.PostAsync("/api/similar", JsonContent.Create(new { image = "x" }));
        var noFile = await client.PostAsync("/api/similar", new MultipartFormDataContent { { new StringContent("1"), "k" } });
        var wrongField = await client.PostAsync("/api/similar", Form("picture", File.ReadAllBytes(_files.Png("a.png", SKColors.Red))));
        var empty = await client.PostAsync("/api/similar", Form("image", []));
        var notAnImage = await client.PostAsync("/api/similar", Form("image", "just some text, not pixels"u8.ToArray(), "notes.png"));
        var tooLarge = await client.PostAsync("/api/similar", Form("image", new byte[5000]));
        var unknownCatalogue = await client.PostAsync("/api/similar?catalogue=nowhere", Form("image", File.ReadAllBytes(_files.Png("b.png", SKColors.Blue))));
        var fiftyMegapixels = await client.PostAsync("/api/similar", Form("image", TestImages.PngHeaderClaiming(7_072, 7_072)));

        Assert.Contains("multipart/form-data", await SimilarityApiTests.ErrorAsync(notMultipart, "image"));
        Assert.Contains("No file in the form", await SimilarityApiTests.ErrorAsync(noFile, "image"));
        Assert.Contains("No file field named 'image' (the form has 'picture')", await SimilarityApiTests.ErrorAsync(wrongField, "image"));
        Assert.Contains("empty", await SimilarityApiTests.ErrorAsync(empty, "image"));
        Assert.Contains("not a readable image", await SimilarityApiTests.ErrorAsync(notAnImage, "image"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("the limit is", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownCatalogue.StatusCode);
        Assert.Contains("No catalogue named 'nowhere'", await unknownCatalogue.Content.ReadAsStringAsync());
        Assert.Contains("7,072 × 7,072 (50.0 megapixels); at most 40 megapixels", await SimilarityApiTests.ErrorAsync(fiftyMegapixels, "image"));
    }

    [Fact]
    public async Task An_uploaded_image_finds_the_product_that_has_it_first()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName, _index.Settings());
        var featurizer = app.Services.GetRequiredService<ImageFeaturizer>();
        var images = new (string Title, string Path)[]
        {
            ("red disc", _files.Png("red.png", SKColors.Red)),
            ("blue stripes", _files.Png("blue.png", SKColors.Blue, 120, 60, stripes: 9)),
            ("green tall", _files.Png("green.png", SKColors.Green, 40, 120, stripes: 2)),
        };
        var vectors = new List<(long, float[])>();
        foreach (var (title, path) in images)
        {
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, title);
            vectors.Add((product.Id, (await featurizer.FeaturizeAsync(File.ReadAllBytes(path), CancellationToken.None))!));
        }
        await _index.PublishAsync(db, catalogue.Id, catalogue.Name, vectors);
        var key = (await new ApiKeys(db).IssueAsync("shop", Roles.Labeller)).Secret;
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeys.Header, key);

        var response = await client.PostAsync($"/api/similar?catalogue={catalogue.Name}&k=2", Form("image", File.ReadAllBytes(images[1].Path)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var similar = (await response.Content.ReadFromJsonAsync<SimilarResponse>(JsonSerializerOptions.Web))!;
        Assert.Null(similar.Query);
        Assert.Equal(2, similar.Products.Count);
        Assert.Equal("blue stripes", similar.Products[0].Title);
        Assert.True(similar.Products[0].Distance < 1e-3, $"distance {similar.Products[0].Distance}");
        Assert.True(similar.Products[1].Distance > similar.Products[0].Distance);
    }
}
