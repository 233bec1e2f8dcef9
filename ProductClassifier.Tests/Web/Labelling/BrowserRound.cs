using System.Text.Json;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Labelling;

/// <summary>
/// A catalogue of its own with an open labelling round over four products, in batch order, the active model's
/// predictions for them (ancestors included, as the ensemble gives them) and an old rule that agrees with the model on
/// the first, for the labelling page in a browser.
/// </summary>
internal sealed record BrowserRound(string Catalogue, long BatchId, long[] Products, IReadOnlyDictionary<string, int> Categories)
{
    public static readonly string[] Titles = ["Cast iron skillet", "Stoneware mug", "Linen shirt", "Trail running shoes"];

    // Per product: the paths the model predicted, with probabilities.
    private static readonly (string Path, double Probability)[][] Predicted =
    [
        [("Home", 0.99), ("Home > Kitchen", 0.97), ("Home > Kitchen > Cookware", 0.93), ("Home > Kitchen > Tableware", 0.61)],
        [("Home", 0.98), ("Home > Kitchen", 0.95), ("Home > Kitchen > Tableware", 0.88)],
        [("Clothing", 0.97), ("Clothing > Shirts", 0.90)],
        [("Clothing", 0.96), ("Clothing > Shoes", 0.85)],
    ];

    public static async Task<BrowserRound> CreateAsync(IDatabaseUnderTest database)
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Home > Kitchen > Cookware", "Home > Kitchen > Tableware",
            "Home > Garden > Planters", "Clothing > Shirts", "Clothing > Shoes");
        var products = new List<Product>();
        foreach (var title in Titles) products.Add(await TestCatalogue.AddProductAsync(db, catalogue.Id, title, brand: "Acme"));
        var version = new ModelVersion { CatalogueId = catalogue.Id, Number = 1, Folder = "v1", Members = "meta", IsActive = true };
        db.ModelVersions.Add(version);
        var batch = new LabellingBatch { CatalogueId = catalogue.Id, Round = 1 };
        db.LabellingBatches.Add(batch);
        var rule = new Rule { CatalogueId = catalogue.Id, Code = "r-skillet", CategoryId = categories["Home > Kitchen > Cookware"], Field = "title", Terms = ["skillet"] };
        db.Rules.Add(rule);
        await db.SaveChangesAsync();
        db.RuleLabels.AddRange(new[] { "Home", "Home > Kitchen", "Home > Kitchen > Cookware" }
            .Select(path => new RuleLabel { ProductId = products[0].Id, CategoryId = categories[path], RuleId = rule.Id }));
        db.Predictions.AddRange(products.Select((p, i) => new Prediction
        {
            ProductId = p.Id,
            ModelVersionId = version.Id,
            Categories = JsonSerializer.Serialize(Predicted[i].Select(c => new { categoryId = categories[c.Path], path = c.Path, probability = c.Probability })),
        }));
        db.BatchItems.AddRange(products.Select((p, i) => new BatchItem { BatchId = batch.Id, ProductId = p.Id, Position = i, InclusionProbability = 1 }));
        await db.SaveChangesAsync();
        return new BrowserRound(catalogue.Name, batch.Id, [.. products.Select(p => p.Id)], categories);
    }

    public string Url => $"/label?catalogue={Uri.EscapeDataString(Catalogue)}";

    public int[] Ids(params string[] paths) => [.. paths.Select(p => Categories[p]).Order()];
}
