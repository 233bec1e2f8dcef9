using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

public sealed class FeedIngesterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    internal const string Feed = """
        id,title,description,brand,merchant,price,currency,image_url,category,colour,size
        p1,Red shirt,Soft cotton,Acme,shop-1,12.50,EUR,img/p1.jpg,Apparel > Tops > Shirts,red,M
        p2,Blue jeans,,Denimco,shop-2,"1,299.00",,img/p2.jpg,Apparel/Bottoms,blue,
        p3,Green scarf,Wool,Acme,shop-1,€9.99,,,,green,
        """;

    [Fact]
    public async Task Identity_mapping_fills_fields_and_keeps_other_columns_as_attributes()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);

        var result = await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed));

        Assert.Equal((3, 3, 0, 0, 0), (result.Read, result.Inserted, result.Updated, result.Unchanged, result.Rejected));
        Assert.Null(result.RejectFile);
        var products = await ingest.ProductsAsync();
        var p1 = products[0];
        Assert.Equal(("shop", "Red shirt", "Soft cotton", "Acme", "shop-1", 12.50m, "EUR", "img/p1.jpg", "Apparel > Tops > Shirts"),
            (p1.Source, p1.Title, p1.Description, p1.Brand, p1.Merchant, p1.Price, p1.Currency, p1.ImageRef, p1.FeedCategory));
        Assert.Equal("""{"size": "M", "colour": "red"}""", p1.Attributes); // jsonb orders keys by length
        Assert.Equal((1299.00m, null, "Apparel/Bottoms", null), (products[1].Price, products[1].Currency, products[1].FeedCategory, products[1].Description));
        Assert.Equal((9.99m, "EUR"), (products[2].Price, products[2].Currency));
        Assert.Equal(products.Select(p => p.Id).Order(), result.ChangedProductIds.Order());
        Assert.All(products, p => Assert.Null(p.GoneAt));
    }

    [Fact]
    public async Task Reingesting_the_same_feed_changes_nothing_but_last_seen()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", Feed);
        await ingest.IngestAsync(feed);
        var before = await ingest.ProductsAsync();

        var again = await ingest.IngestAsync(feed);

        Assert.Equal((0, 0, 3), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Empty(again.ChangedProductIds);
        var after = await ingest.ProductsAsync();
        Assert.Equal(before.Select(p => (p.Id, p.ContentHash, p.Title, p.FirstSeen)), after.Select(p => (p.Id, p.ContentHash, p.Title, p.FirstSeen)));
        Assert.All(after.Zip(before), pair => Assert.True(pair.First.LastSeen > pair.Second.LastSeen));
    }

    [Fact]
    public async Task Changed_rows_are_updated_and_reported()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed));
        var p2 = (await ingest.ProductsAsync())[1];

        var result = await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed.Replace("Blue jeans", "\"Blue jeans, slim\"").Replace(",blue,", ",navy,")));

        Assert.Equal((0, 1, 2), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal([p2.Id], result.ChangedProductIds);
        var updated = (await ingest.ProductsAsync())[1];
        Assert.Equal(("Blue jeans, slim", """{"colour": "navy"}"""), (updated.Title, updated.Attributes));
        Assert.Equal(p2.FirstSeen, updated.FirstSeen);
    }

    [Fact]
    public async Task Same_ids_from_another_source_or_catalogue_are_other_products()
    {
        await using var db = database.Open();
        await using var first = await IngestFixture.CreateAsync(db);
        await using var second = await IngestFixture.CreateAsync(db);
        var feed = first.Feeds.Write("feed.csv", Feed);

        await first.IngestAsync(feed, source: "a");
        var otherSource = await first.IngestAsync(feed, source: "b");
        var otherCatalogue = await second.IngestAsync(feed, source: "a");

        Assert.Equal((3, 3), (otherSource.Inserted, otherCatalogue.Inserted));
        Assert.Equal(6, (await first.ProductsAsync()).Count);
    }

    [Fact]
    public async Task Progress_reaches_the_file_size_and_then_merges()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", Feed);
        var reports = new List<IngestProgress>();

        await new FeedIngester(db).IngestAsync(ingest.Catalogue, new IngestRequest("shop", feed), new SyncProgress(reports.Add));

        Assert.Equal(IngestStage.Merging, reports[^1].Stage);
        Assert.Equal((new FileInfo(feed).Length, 3), (reports[^1].BytesRead, reports[^1].RowsRead));
    }

    [Fact]
    public async Task Ingest_touches_the_catalogue_so_it_becomes_the_default()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        await using var newer = await IngestFixture.CreateAsync(db);

        await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed));

        db.ChangeTracker.Clear();
        Assert.Equal(ingest.Catalogue.Id, (await ProductClassifier.Core.Catalog.CatalogueStore.ResolveAsync(db, null)).Id);
    }

    [Fact]
    public async Task Feed_without_an_id_column_is_a_clear_error()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("noid.csv", "sku,title\n1,x\n");

        var e = await Assert.ThrowsAsync<UserFacingException>(() => ingest.IngestAsync(feed));

        Assert.Contains("noid.csv", e.Message);
        Assert.Contains("no id column", e.Message);
        Assert.Empty(await db.Products.Where(p => p.CatalogueId == ingest.Catalogue.Id).ToListAsync());
    }

    [Fact]
    public async Task Many_rows_merge_across_staging_chunks()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var rows = string.Concat(Enumerable.Range(0, 25_000).Select(i => $"r{i},Title {i},{i % 100}.5\n"));
        var feed = ingest.Feeds.Write("many.csv.gz", System.Text.Encoding.UTF8.GetBytes("id,title,price\n" + rows));

        var first = await ingest.IngestAsync(feed);
        var again = await ingest.IngestAsync(feed, full: true);

        Assert.Equal((25_000, 25_000), (first.Read, first.Inserted));
        Assert.Equal(25_000, first.ChangedProductIds.Distinct().Count());
        Assert.Equal((0, 0, 25_000, 0), (again.Inserted, again.Updated, again.Unchanged, again.Gone));
    }

    private sealed class SyncProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
