using System.Net;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web;

public sealed class ProductsPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private async Task<(Catalogue Catalogue, List<Product> Products)> SeedAsync(params string[] titles)
    {
        await using var db = database.Open();
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, "web-" + Guid.NewGuid().ToString("N")[..8]);
        var products = titles.Select((title, i) => new Product
        {
            CatalogueId = catalogue.Id,
            Source = "shop",
            ExternalId = $"X{i:D4}",
            Title = title,
            Brand = "Acme",
            Price = 10 + i,
            Currency = "EUR",
            ContentHash = "h",
            FeedCategory = "Home > Mugs",
            FirstSeen = DateTime.UtcNow,
            LastSeen = DateTime.UtcNow,
        }).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync();
        return (catalogue, products);
    }

    [Fact]
    public async Task Lists_the_catalogues_products()
    {
        var (catalogue, _) = await SeedAsync("Alpha blue mug", "Beta red vase", "Gamma green lamp");
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);

        var html = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}");

        Assert.Contains("Alpha blue mug", html);
        Assert.Contains("Beta red vase", html);
        Assert.Contains("Gamma green lamp", html);
        Assert.Contains("3 products", html);
    }

    [Fact]
    public async Task Search_narrows_the_list()
    {
        var (catalogue, _) = await SeedAsync("Alpha blue mug", "Beta red vase", "Gamma blue lamp");
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);

        var html = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}&q=BLUE");

        Assert.Contains("Alpha blue mug", html);
        Assert.Contains("Gamma blue lamp", html);
        Assert.DoesNotContain("Beta red vase", html);
        Assert.Contains("2 products", html);
    }

    [Fact]
    public async Task Pages_through_a_long_list()
    {
        var (catalogue, _) = await SeedAsync(Enumerable.Range(1, 60).Select(i => $"Item number {i:D2}").ToArray());
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);

        var first = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}");
        var second = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}&page=2");

        Assert.Contains("Item number 50", first);
        Assert.DoesNotContain("Item number 51", first);
        Assert.Contains("Item number 51", second);
        Assert.Contains("Item number 60", second);
        Assert.DoesNotContain("Item number 50", second);
    }

    [Fact]
    public async Task Serves_a_products_image_and_404s_without_one()
    {
        var (catalogue, products) = await SeedAsync("With image", "Image missing on disk", "No image at all");
        await using (var db = database.Open())
        {
            db.Attach(products[0]).Entity.ImageRef = "images/X0000.png";
            db.Attach(products[1]).Entity.ImageRef = "images/gone.png";
            await db.SaveChangesAsync();
        }
        // A PNG's signature, which is what the app checks before serving a file as an image.
        var bytes = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        Directory.CreateDirectory(Path.Combine(_images.FullName, catalogue.Name, "images"));
        await File.WriteAllBytesAsync(Path.Combine(_images.FullName, catalogue.Name, "images", "X0000.png"), bytes);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        var image = await client.GetAsync($"/images/{products[0].Id}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await image.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/images/{products[1].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/images/{products[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/images/999999999")).StatusCode);
    }

    [Fact]
    public async Task The_feed_category_which_is_a_data_sets_ground_truth_is_shown_to_admins_only()
    {
        var (catalogue, _) = await SeedAsync("Alpha blue mug");
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);

        var labeller = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}", Roles.Labeller);
        var scientist = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}", Roles.DataScientist);
        var admin = await app.GetHtmlAsync($"/products?catalogue={catalogue.Name}", Roles.Admin);

        Assert.Contains("Alpha blue mug", labeller);
        Assert.DoesNotContain("Home > Mugs", labeller);
        Assert.DoesNotContain("Feed category", labeller);
        Assert.DoesNotContain("Home > Mugs", scientist);
        Assert.Contains("Home > Mugs", admin);
    }

    [Theory]
    [InlineData("evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>")]
    [InlineData("evil.png", "<html><body><script>alert(document.cookie)</script></body></html>")]
    [InlineData("evil.jpg", "")]
    public async Task A_file_that_is_no_raster_image_is_not_served_whatever_its_name(string name, string content)
    {
        var (catalogue, products) = await SeedAsync("Hostile");
        await using (var db = database.Open())
        {
            db.Attach(products[0]).Entity.ImageRef = name;
            await db.SaveChangesAsync();
        }
        Directory.CreateDirectory(Path.Combine(_images.FullName, catalogue.Name));
        await File.WriteAllTextAsync(Path.Combine(_images.FullName, catalogue.Name, name), content);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        var response = await client.GetAsync($"/images/{products[0].Id}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Images_are_typed_by_their_content_and_served_with_nosniff_and_a_sandboxing_policy()
    {
        var (catalogue, products) = await SeedAsync("A PNG called .svg");
        await using (var db = database.Open())
        {
            db.Attach(products[0]).Entity.ImageRef = "photo.svg";
            await db.SaveChangesAsync();
        }
        Directory.CreateDirectory(Path.Combine(_images.FullName, catalogue.Name));
        using var generated = new ProductClassifier.Tests.Core.Features.Pretrained.TestImages();
        var png = File.ReadAllBytes(generated.Png("p.png", SkiaSharp.SKColors.Red));
        await File.WriteAllBytesAsync(Path.Combine(_images.FullName, catalogue.Name, "photo.svg"), png);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        var response = await client.GetAsync($"/images/{products[0].Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Image_reference_cannot_leave_the_catalogue_folder()
    {
        var (_, products) = await SeedAsync("Sneaky");
        await File.WriteAllTextAsync(Path.Combine(_images.FullName, "secret.png"), "not yours");
        await using (var db = database.Open())
        {
            db.Attach(products[0]).Entity.ImageRef = "../secret.png";
            await db.SaveChangesAsync();
        }
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName);
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/images/{products[0].Id}")).StatusCode);
    }
}
