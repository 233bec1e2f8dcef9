using ProductClassifier.Core.Labelling;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

/// <summary>A catalogue of its own with a taxonomy and an open round whose batch holds <see cref="Products"/> in
/// position order, and the labelling services on it, sharing one manual clock.</summary>
internal sealed record TestRound(TestDatabase Database, int CatalogueId, long BatchId, long[] Products,
    IReadOnlyDictionary<string, int> Categories, LabellingQueueOptions Options, ManualClock Clock)
{
    public static readonly string[] DefaultCategories = ["Clothing > Shirts", "Clothing > Shoes", "Home > Kitchen"];

    public static async Task<TestRound> CreateAsync(TestDatabase database, int items, double overlap = 0, string[]? categories = null)
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var ids = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, categories ?? DefaultCategories);
        var products = new long[items];
        // Titled by batch position, created in reverse: positions run against id order, so a test notices ids
        // standing in for positions.
        for (var i = 0; i < items; i++) products[i] = (await TestCatalogue.AddProductAsync(db, catalogue.Id, $"item {items - 1 - i}")).Id;
        var batch = new LabellingBatch { CatalogueId = catalogue.Id, Round = 1 };
        db.LabellingBatches.Add(batch);
        await db.SaveChangesAsync();
        db.BatchItems.AddRange(products.Select((p, i) => new BatchItem
        { BatchId = batch.Id, ProductId = p, Position = items - 1 - i, InclusionProbability = 0.5 }));
        await db.SaveChangesAsync();
        return new TestRound(database, catalogue.Id, batch.Id, [.. products.Reverse()], ids,
            new LabellingQueueOptions { OverlapFraction = overlap }, new ManualClock());
    }

    /// <summary>A new queue instance each call, as after a restart or on another server.</summary>
    public LabellingQueue Queue() => new(new TestDbContextFactory(Database), Options, Clock);

    public LabellingHistory History() => new(new TestDbContextFactory(Database), Options, Clock);

    public LabelReview Review() => new(new TestDbContextFactory(Database), Clock);

    public int[] Ids(params string[] paths) => [.. paths.Select(p => Categories[p]).Order()];
}
