using System.Text.Json;
using ProductClassifier.Core;
using ProductClassifier.Core.Demo;

namespace ProductClassifier.Tests.Core.Demo;

public sealed class DemoDatasetGeneratorTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("pc-demo-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    private async Task<DemoDatasetSummary> GenerateAsync(string name, int products = 300, int seed = 7) =>
        await DemoDatasetGenerator.WriteAsync(Path.Combine(_temp.FullName, name), new DemoDatasetOptions(products, seed));

    [Fact]
    public async Task Same_seed_gives_byte_identical_files()
    {
        var a = await GenerateAsync("a");
        var b = await GenerateAsync("b");

        foreach (var file in new[] { "dataset.json", "products.jsonl.gz", "rules.json", "images/P000001.png", "images/P000150.png" })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(a.Folder, file)), await File.ReadAllBytesAsync(Path.Combine(b.Folder, file)));
        Assert.Equal(Directory.GetFiles(Path.Combine(a.Folder, "images")).Select(Path.GetFileName),
            Directory.GetFiles(Path.Combine(b.Folder, "images")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Different_seed_gives_different_products_and_images()
    {
        var a = await GenerateAsync("a", seed: 1);
        var b = await GenerateAsync("b", seed: 2);

        Assert.NotEqual(await DemoDataset.ReadProductLinesAsync(a.Folder), await DemoDataset.ReadProductLinesAsync(b.Folder));
        var image = Path.Combine("images", "P000001.png");
        if (File.Exists(Path.Combine(a.Folder, image)) && File.Exists(Path.Combine(b.Folder, image)))
            Assert.NotEqual(await File.ReadAllBytesAsync(Path.Combine(a.Folder, image)), await File.ReadAllBytesAsync(Path.Combine(b.Folder, image)));
    }

    [Fact]
    public async Task Regenerating_into_the_same_folder_replaces_the_earlier_dataset()
    {
        await GenerateAsync("demo", products: 300);
        var smaller = await GenerateAsync("demo", products: 60);

        Assert.Equal(60, (await DemoDataset.LoadAsync(smaller.Folder)).Products.Count);
        Assert.Equal(smaller.Images, Directory.GetFiles(Path.Combine(smaller.Folder, "images")).Length);
    }

    [Fact]
    public async Task Refuses_a_folder_that_holds_other_files()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "busy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine");

        var e = await Assert.ThrowsAsync<UserFacingException>(() =>
            DemoDatasetGenerator.WriteAsync(folder, new DemoDatasetOptions(10)));
        Assert.Contains(folder, e.Message);
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public async Task Manifest_names_the_demo_and_points_at_its_files()
    {
        var summary = await GenerateAsync("demo");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(summary.Folder, "dataset.json")));
        var root = manifest.RootElement;

        Assert.Equal("demo", root.GetProperty("name").GetString());
        Assert.Equal("jsonl", root.GetProperty("format").GetString());
        Assert.True(File.Exists(Path.Combine(summary.Folder, root.GetProperty("products").GetString()!)));
        Assert.True(File.Exists(Path.Combine(summary.Folder, root.GetProperty("rules").GetString()!)));
        Assert.Equal("category_path", root.GetProperty("categoryPath").GetString());
        foreach (var field in new[] { "id", "title", "description", "brand", "price", "currency", "image" })
            Assert.True(root.GetProperty("fields").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Products_sit_in_a_three_level_tree_and_rules_name_its_categories()
    {
        var dataset = await DemoDataset.LoadAsync((await GenerateAsync("demo", products: 400)).Folder);

        Assert.All(dataset.Products, p => Assert.Equal(3, p.Path.Length));
        Assert.Equal(6, dataset.Tree.Count(c => !c.Contains(" > ")));
        Assert.Equal(50, dataset.Products.Select(p => string.Join(" > ", p.Path)).Distinct().Count());
        Assert.Equal(76, dataset.Tree.Count);
        Assert.All(dataset.Rules, r => Assert.Contains(r.Category, dataset.Tree));
        Assert.All(dataset.Rules, r => Assert.Contains(r.Field, new[] { "title", "description", "brand", "any" }));
        Assert.Equal(dataset.Rules.Count, dataset.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(dataset.Products.Where(p => p.Image is not null), p => Assert.True(File.Exists(Path.Combine(dataset.Folder, p.Image!))));
    }

    [Fact]
    public async Task Feed_carries_the_noise_of_real_feeds()
    {
        var dataset = await DemoDataset.LoadAsync((await GenerateAsync("demo", products: 1000)).Folder);
        var rows = dataset.Products;

        Assert.Contains(rows, p => p.Title.Length > 8 && p.Title == p.Title.ToUpperInvariant());
        Assert.Contains(rows, p => p.Description is null or "");
        Assert.Contains(rows, p => p.Description?.Contains('<') == true);
        Assert.Contains(rows, p => p.Price is null);
        Assert.Contains(rows, p => p.Image is null);
        Assert.Contains(rows, p => p.Brand is null);
        Assert.Contains(rows, p => p.Tags?.Contains(',') == true);
    }

    [Fact]
    public async Task Rules_label_like_a_noisy_old_categoriser()
    {
        var dataset = await DemoDataset.LoadAsync((await GenerateAsync("demo", products: 2000)).Folder);

        var (precision, recall) = dataset.EvaluateRules();

        Assert.InRange(precision, 0.5, 0.9);
        Assert.InRange(recall, 0.5, 0.9);
    }
}
