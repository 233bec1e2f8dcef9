using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>Builds a tiny catalogue of its own for one test: a unique name, categories, products, reference labels.</summary>
internal static class TestCatalogue
{
    public static Task<Catalogue> CreateAsync(ClassifierDb db) => CatalogueStore.GetOrCreateAsync(db, "test-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>Imports the paths (and their ancestors) and returns every category id by path.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> AddCategoriesAsync(ClassifierDb db, int catalogueId, params string[] paths)
    {
        var builder = new TaxonomyBuilder();
        foreach (var path in paths) builder.Add(path);
        return (await TaxonomyImporter.ImportAsync(db, catalogueId, builder.Build())).IdsByPath;
    }

    public static async Task<Product> AddProductAsync(ClassifierDb db, int catalogueId, string? title,
        string? description = null, string? brand = null, bool gone = false)
    {
        var product = new Product
        {
            CatalogueId = catalogueId,
            Source = "test",
            ExternalId = Guid.NewGuid().ToString("N"),
            ContentHash = "h",
            Title = title,
            Description = description,
            Brand = brand,
            FirstSeen = DateTime.UtcNow,
            LastSeen = DateTime.UtcNow,
            GoneAt = gone ? DateTime.UtcNow : null,
        };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    public static async Task AddReferenceLabelsAsync(ClassifierDb db, long productId, params int[] categoryIds)
    {
        db.ReferenceLabels.AddRange(categoryIds.Select(c => new ReferenceLabel { ProductId = productId, CategoryId = c }));
        await db.SaveChangesAsync();
    }
}
