using System.Text.Json;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// A catalogue of its own for the labelling benchmark, shaped like a real round: a two-level taxonomy of 220
/// categories, products with attributes, the active model's top-3 predictions, rules fired on a third of them,
/// and an open batch holding every product. Deleted with its catalogue.
/// </summary>
internal sealed record LabellingBenchmarkRound(string Name, int CatalogueId, long BatchId)
{
    public static async Task<LabellingBenchmarkRound> CreateAsync(string connectionString, int items, CancellationToken ct)
    {
        await using var db = ClassifierDbOptions.Create(ClassifierDbOptions.ForBulkWork(connectionString));
        var name = "bench-labelling-" + Guid.NewGuid().ToString("N")[..8];
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, name, ct);
        var taxonomy = new TaxonomyBuilder();
        for (var d = 0; d < 20; d++)
            for (var k = 0; k < 10; k++) taxonomy.Add($"Department {d} > Kind {k}");
        var categories = (await TaxonomyImporter.ImportAsync(db, catalogue.Id, taxonomy.Build(), ct: ct)).IdsByPath;

        var now = DateTime.UtcNow;
        var products = Enumerable.Range(0, items).Select(i => new Product
        {
            CatalogueId = catalogue.Id,
            Source = "bench",
            ExternalId = $"p{i}",
            ContentHash = $"h{i}",
            FirstSeen = now,
            LastSeen = now,
            Title = $"Product {i} cotton shirt",
            Description = $"A description of product {i}, long enough to look real. " +
                string.Concat(Enumerable.Repeat("Soft, durable and easy to wash. ", 6)),
            Brand = $"Brand {i % 37}",
            Merchant = $"Merchant {i % 5}",
            Price = 10 + i % 90,
            Currency = "EUR",
            ImageRef = ImageRef(i),
            Attributes = JsonSerializer.Serialize(new { colour = "red", size = i % 50, material = "cotton" }),
        }).ToList();
        db.Products.AddRange(products);
        var version = new ModelVersion { CatalogueId = catalogue.Id, Number = 1, Folder = $"{name}/v1", Members = "meta", IsActive = true };
        db.ModelVersions.Add(version);
        var rules = Enumerable.Range(0, 20).Select(d => new Rule
        { CatalogueId = catalogue.Id, Code = $"r{d}", CategoryId = categories[$"Department {d} > Kind 0"], Field = "title", Terms = ["shirt"] }).ToList();
        db.Rules.AddRange(rules);
        await db.SaveChangesAsync(ct);

        db.Predictions.AddRange(products.Select((p, i) => new Prediction
        {
            ProductId = p.Id,
            ModelVersionId = version.Id,
            Categories = JsonSerializer.Serialize(Enumerable.Range(0, 3).Select(r => $"Department {(i + r) % 20} > Kind {i % 10}")
                .Select((path, r) => new { categoryId = categories[path], path, probability = 0.9 - 0.3 * r })),
        }));
        db.RuleLabels.AddRange(products.Where((_, i) => i % 3 == 0).SelectMany((p, i) => new[]
        {
            new RuleLabel { ProductId = p.Id, CategoryId = rules[i % 20].CategoryId, RuleId = rules[i % 20].Id },
            new RuleLabel { ProductId = p.Id, CategoryId = categories[$"Department {i % 20}"], RuleId = rules[i % 20].Id },
        }));
        var batch = new LabellingBatch { CatalogueId = catalogue.Id, Round = 1, PickedWithVersionId = version.Id };
        db.LabellingBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        db.BatchItems.AddRange(products.Select((p, i) => new BatchItem
        { BatchId = batch.Id, ProductId = p.Id, Position = i, InclusionProbability = 0.1 }));
        await db.SaveChangesAsync(ct);
        return new LabellingBenchmarkRound(name, catalogue.Id, batch.Id);
    }

    /// <summary>The image reference of the round's <paramref name="i"/>th product (no file is written for it here).</summary>
    public static string ImageRef(int i) => $"images/{i}.jpg";

    public async Task DeleteAsync(string connectionString)
    {
        await using var db = ClassifierDbOptions.Create(ClassifierDbOptions.ForBulkWork(connectionString));
        await CatalogueStore.DeleteAsync(db, Name, CancellationToken.None);
    }
}
