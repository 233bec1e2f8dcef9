using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Datasets;

public sealed class DatasetImporterTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-dataset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(DatasetDescriptor Dataset, ImageStore Images)> DemoAsync(int products)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(products, Seed: 5));
        return (DatasetDescriptor.Load(summary.Folder), new ImageStore(Path.Combine(_folder, "images")));
    }

    [Fact]
    public async Task Imports_products_tree_rules_images_and_reference_labels_with_ancestors()
    {
        var (dataset, images) = await DemoAsync(120);
        await using var db = database.Open();

        var result = await new DatasetImporter(db, images).ImportAsync(dataset.Folder, groundTruth: true, "import-a");

        var catalogueId = result.Catalogue.Id;
        Assert.Equal(120, await db.Products.CountAsync(p => p.CatalogueId == catalogueId));
        Assert.True(result.Categories > 0 && result.Rules > 0 && result.RuleLabels > 0);
        // Every labelled product is positive for its leaf and each ancestor: one reference label per tree level.
        var depths = await (from l in db.ReferenceLabels
                            join c in db.Categories on l.CategoryId equals c.Id
                            where c.CatalogueId == catalogueId
                            group c.Depth by l.ProductId into g
                            select new { Count = g.Count(), Max = g.Max() }).ToListAsync();
        Assert.Equal(120, depths.Count);
        Assert.All(depths, d => Assert.Equal(d.Max, d.Count));
        var withImage = await db.Products.Where(p => p.CatalogueId == catalogueId && p.ImageRef != null).Select(p => p.ImageRef!).ToListAsync();
        Assert.Equal(withImage.Count, result.Images);
        Assert.All(withImage, r => Assert.True(File.Exists(images.PathOf("import-a", r))));
    }

    [Fact]
    public async Task Without_ground_truth_no_reference_labels_are_stored()
    {
        var (dataset, images) = await DemoAsync(40);
        await using var db = database.Open();

        var result = await new DatasetImporter(db, images).ImportAsync(dataset.Folder, groundTruth: false, "import-b");

        Assert.Equal(0, result.ReferenceLabels);
        Assert.False(await db.ReferenceLabels.AnyAsync(l => db.Products.Any(p => p.Id == l.ProductId && p.CatalogueId == result.Catalogue.Id)));
    }

    [Fact]
    public async Task Importing_again_replaces_the_catalogue()
    {
        var (dataset, images) = await DemoAsync(50);
        await using var db = database.Open();
        var importer = new DatasetImporter(db, images);
        var first = await importer.ImportAsync(dataset.Folder, groundTruth: true, "import-c");
        db.Products.Add(new Product { CatalogueId = first.Catalogue.Id, Source = "extra", ExternalId = "x1", ContentHash = "h" });
        await db.SaveChangesAsync();

        var second = await importer.ImportAsync(dataset.Folder, groundTruth: true, "import-c");

        Assert.NotEqual(first.Catalogue.Id, second.Catalogue.Id);
        Assert.Equal(50, await db.Products.CountAsync(p => p.CatalogueId == second.Catalogue.Id));
        Assert.Equal(1, await db.Catalogues.CountAsync(c => c.Name == "import-c"));
    }

    [Fact]
    public void A_folder_without_dataset_json_is_a_clear_error()
    {
        var e = Assert.Throws<UserFacingException>(() => DatasetDescriptor.Load(_folder));
        Assert.Contains("dataset.json", e.Message);
        Assert.Contains(_folder, e.Message);
    }
}
