using ProductClassifier.Core;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

/// <summary>--full: products of the source missing from the feed are marked gone, kept, and brought back.</summary>
public sealed class FullFeedTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Feed = FeedIngesterTests.Feed;

    [Fact]
    public async Task Full_feed_marks_missing_products_gone_keeps_them_and_brings_them_back()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var all = ingest.Feeds.Write("all.csv", Feed);
        await ingest.IngestAsync(all);
        await ingest.IngestAsync(ingest.Feeds.Write("other.csv", "id,title\nq1,Other source\n"), source: "other");
        var withoutP3 = ingest.Feeds.Write("partial.csv", string.Join('\n', Feed.Split('\n')[..3]));

        var partial = await ingest.IngestAsync(withoutP3, full: true);

        Assert.Equal(1, partial.Gone);
        var products = await ingest.ProductsAsync();
        Assert.Equal(4, products.Count);
        Assert.NotNull(products.Single(p => p.ExternalId == "p3").GoneAt);
        Assert.All(products.Where(p => p.ExternalId != "p3"), p => Assert.Null(p.GoneAt));

        var back = await ingest.IngestAsync(all, full: true);

        Assert.Equal((0, 0, 3, 0), (back.Inserted, back.Updated, back.Unchanged, back.Gone));
        Assert.All(await ingest.ProductsAsync(), p => Assert.Null(p.GoneAt));
    }

    [Fact]
    public async Task Full_feed_keeps_a_product_whose_row_was_rejected()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed));

        var result = await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed.Replace("€9.99", "free")), full: true);

        Assert.Equal((1, 0), (result.Rejected, result.Gone));
        Assert.All(await ingest.ProductsAsync(), p => Assert.Null(p.GoneAt));
    }

    [Fact]
    public async Task Full_feed_without_a_valid_row_changes_nothing()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        await ingest.IngestAsync(ingest.Feeds.Write("feed.csv", Feed));

        var e = await Assert.ThrowsAsync<UserFacingException>(() => ingest.IngestAsync(ingest.Feeds.Write("empty.csv", "id,title\n"), full: true));

        Assert.Contains("no valid row", e.Message);
        Assert.All(await ingest.ProductsAsync(), p => Assert.Null(p.GoneAt));
    }
}
