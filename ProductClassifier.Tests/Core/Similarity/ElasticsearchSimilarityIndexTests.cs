using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Elasticsearch;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Against a real server (ELASTICSEARCH_URL); each test writes an index of its own and deletes it.</summary>
public sealed class ElasticsearchSimilarityIndexTests : IAsyncLifetime
{
    private readonly string _catalogue = "test-" + Guid.NewGuid().ToString("N")[..10];
    private ElasticsearchSimilarityIndex? _index;

    private ElasticsearchSimilarityIndex Index => _index ??= ElasticsearchSimilarityIndex.Create(_catalogue,
        Microsoft.Extensions.Options.Options.Create(new SimilarityOptions
        {
            Kind = SimilarityIndexKind.Elasticsearch,
            ElasticsearchUrl = new Uri(ElasticsearchFactAttribute.Url!),
            ElasticsearchIndexPrefix = "pc-test-",
            BulkBatchSize = 100, // several bulk requests per upsert
        }));

    private static List<SimilarityEntry> Entries(float[][] vectors) =>
        vectors.Select((v, i) => new SimilarityEntry(i + 1, v, (i + 1) % 10 == 0 ? [1, 2] : [1], [(i + 1) % 10 == 0 ? 2 : 3])).ToList();

    [ElasticsearchFact]
    public async Task Indexed_products_are_found_nearest_first_and_the_watermark_is_kept()
    {
        var vectors = TestVectors.Clustered(500);
        await Index.ClearAsync();
        await Index.UpsertAsync(Entries(vectors));
        await Index.PublishAsync(watermark: 7);

        Assert.Equal(500, await Index.CountAsync());
        Assert.Equal(7, await Index.WatermarkAsync());
        var found = await Index.SearchAsync(new SimilarityQuery(vectors[41], 5));
        Assert.Equal(42, found[0].ProductId);
        Assert.True(found[0].Distance < 1e-3);
        Assert.Equal(found.OrderBy(n => n.Distance), found);
        var exact = TestVectors.ExactNearest(vectors, vectors[41], 5);
        Assert.True(found.Count(n => exact.Contains(n.ProductId)) >= 4);
    }

    [ElasticsearchFact]
    public async Task A_category_filter_and_the_excluded_product_are_honoured()
    {
        var vectors = TestVectors.Clustered(300);
        await Index.ClearAsync();
        await Index.UpsertAsync(Entries(vectors));
        await Index.PublishAsync(1);

        var found = await Index.SearchAsync(new SimilarityQuery(vectors[9], 10, CategoryId: 2, ExcludeProductId: 10));

        Assert.Equal(10, found.Count);
        Assert.All(found, n => Assert.Equal(0, n.ProductId % 10));
        Assert.DoesNotContain(10L, found.Select(n => n.ProductId));
    }

    [ElasticsearchFact]
    public async Task Upserts_replace_and_removals_drop_documents()
    {
        var vectors = TestVectors.Clustered(50);
        await Index.ClearAsync();
        await Index.UpsertAsync(Entries(vectors));
        await Index.UpsertAsync([new SimilarityEntry(1, vectors[30], [1], [])]);
        await Index.RemoveAsync([2L]);
        await Index.PublishAsync(2);

        Assert.Equal(49, await Index.CountAsync());
        var near31 = (await Index.SearchAsync(new SimilarityQuery(vectors[30], 2))).Select(n => n.ProductId).Order();
        Assert.Equal([1L, 31L], near31);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_index is not null) await _index.DeleteAsync();
    }
}
