using System.Text.Json.Nodes;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Elasticsearch;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// Against a real server (ELASTICSEARCH_URL, with ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME and
/// ELASTICSEARCH_PASSWORD, and ELASTICSEARCH_CA_CERT or ELASTICSEARCH_FINGERPRINT for https); each test writes indexes
/// of its own and deletes them.
/// </summary>
public sealed class ElasticsearchSimilarityIndexTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _catalogue = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<ElasticsearchSimilarityIndex> _opened = [];

    private ElasticsearchSimilarityIndex Open(bool int8 = true)
    {
        var options = ElasticsearchFactAttribute.Options();
        options.ElasticsearchIndexPrefix = "pc-test-";
        options.ElasticsearchInt8 = int8;
        options.BulkBatchSize = 100; // several bulk requests per upsert
        var index = ElasticsearchSimilarityIndex.Create(_catalogue + (int8 ? "" : "-hnsw"), Microsoft.Extensions.Options.Options.Create(options));
        _opened.Add(index);
        return index;
    }

    private static List<SimilarityEntry> Entries(float[][] vectors, int firstId = 1) =>
        vectors.Select((v, i) => new SimilarityEntry(firstId + i, v, (i + 1) % 10 == 0 ? [1, 2] : [1], [(i + 1) % 10 == 0 ? 2 : 3])).ToList();

    [ElasticsearchFact]
    public async Task The_mapping_read_back_is_the_one_written()
    {
        var index = Open();
        await index.EnsureIndexAsync();
        await index.PublishAsync(0);

        var (_, body) = JsonNode.Parse(await index.MappingJsonAsync())!.AsObject().Single();
        var mappings = body!["mappings"]!;
        Assert.Equal("strict", (string?)mappings["dynamic"]);
        var vector = mappings["properties"]!["vector"]!;
        Assert.Equal("dense_vector", (string?)vector["type"]);
        Assert.Equal(512, (int?)vector["dims"]);
        Assert.Equal("cosine", (string?)vector["similarity"]);
        Assert.Equal("int8_hnsw", (string?)vector["index_options"]!["type"]);
        Assert.Equal(32, (int?)vector["index_options"]!["m"]);
        Assert.Equal(128, (int?)vector["index_options"]!["ef_construction"]);
        Assert.Equal("keyword", (string?)mappings["properties"]!["categories"]!["type"]);
        Assert.Equal("keyword", (string?)mappings["properties"]!["predicted"]!["type"]);
    }

    [ElasticsearchFact]
    public async Task Indexed_products_are_found_nearest_first_and_the_watermark_is_kept()
    {
        var index = Open();
        var vectors = TestVectors.Clustered(500);
        await index.ClearAsync();
        await index.UpsertAsync(Entries(vectors));
        await index.PublishAsync(watermark: 7);

        Assert.Equal(500, await index.CountAsync());
        Assert.Equal(7, await index.WatermarkAsync());
        var found = await index.SearchAsync(new SimilarityQuery(vectors[41], 5));
        Assert.Equal(42, found[0].ProductId);
        Assert.True(found[0].Distance < 1e-3);
        Assert.Equal(found.OrderBy(n => n.Distance), found);
    }

    [ElasticsearchFact]
    public async Task A_category_filter_and_the_excluded_product_are_honoured()
    {
        var index = Open();
        var vectors = TestVectors.Clustered(300);
        await index.UpsertAsync(Entries(vectors));
        await index.PublishAsync(1);

        var found = await index.SearchAsync(new SimilarityQuery(vectors[9], 10, CategoryId: 2, ExcludeProductId: 10));

        Assert.Equal(10, found.Count);
        Assert.All(found, n => Assert.Equal(0, n.ProductId % 10));
        Assert.DoesNotContain(10L, found.Select(n => n.ProductId));
    }

    [ElasticsearchFact]
    public async Task Upserts_replace_and_removals_drop_documents()
    {
        var index = Open();
        var vectors = TestVectors.Clustered(50);
        await index.UpsertAsync(Entries(vectors));
        await index.UpsertAsync([new SimilarityEntry(1, vectors[30], [1], [])]);
        await index.RemoveAsync([2L, 9999L]);
        await index.PublishAsync(2);

        Assert.Equal(49, await index.CountAsync());
        var near31 = (await index.SearchAsync(new SimilarityQuery(vectors[30], 2))).Select(n => n.ProductId).Order();
        Assert.Equal([1L, 31L], near31);
    }

    [ElasticsearchFact]
    public Task Hnsw_recall_at_10_against_exact_search_on_5000_vectors_is_at_least_0_9() => RecallAsync(int8: false, atLeast: 0.9);

    [ElasticsearchFact]
    public Task Int8_hnsw_rescored_recall_at_10_against_exact_search_on_5000_vectors_is_at_least_0_9() => RecallAsync(int8: true, atLeast: 0.9);

    private async Task RecallAsync(bool int8, double atLeast)
    {
        var index = Open(int8);
        var vectors = TestVectors.LowRank(5000);
        await index.UpsertAsync(Entries(vectors));
        await index.PublishAsync(1);

        var queries = Enumerable.Range(0, 200).Select(i => i * 25).ToList();
        var hits = 0;
        foreach (var q in queries)
        {
            var found = (await index.SearchAsync(new SimilarityQuery(vectors[q], 10, ExcludeProductId: q + 1))).Select(n => n.ProductId);
            hits += found.Intersect(TestVectors.ExactNearest(vectors, vectors[q], 10, exclude: q + 1)).Count();
        }

        var recall = hits / (10.0 * queries.Count);
        output.WriteLine($"{(int8 ? "int8_hnsw (rescored)" : "hnsw")}: recall@10 {recall:F3} over {queries.Count} queries on 5,000 vectors");
        Assert.True(recall >= atLeast, $"{(int8 ? "int8_hnsw" : "hnsw")} recall@10 {recall:F3} < {atLeast}");
    }

    [ElasticsearchFact]
    public async Task Searches_during_a_rebuild_never_come_back_empty()
    {
        var index = Open();
        var vectors = TestVectors.Clustered(2000);
        await index.UpsertAsync(Entries(vectors));
        await index.PublishAsync(1);
        using var reader = ElasticsearchSimilarityIndex.Create(_catalogue, Microsoft.Extensions.Options.Options.Create(
            ElasticsearchFactAttribute.Options(o => o.ElasticsearchIndexPrefix = "pc-test-")));

        using var rebuilding = new CancellationTokenSource();
        var rebuild = Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                await index.ClearAsync();
                foreach (var chunk in Entries(vectors).Chunk(250)) await index.UpsertAsync(chunk);
                await index.PublishAsync(2 + round);
            }
        });
        var searches = 0;
        while (!rebuild.IsCompleted)
        {
            var found = await reader.SearchAsync(new SimilarityQuery(vectors[searches % vectors.Length], 10));
            Assert.Equal(10, found.Count);
            searches++;
        }
        await rebuild;

        Assert.True(searches > 0);
        Assert.Equal(2000, await reader.CountAsync());
        Assert.Equal(4, await reader.WatermarkAsync());
    }

    [ElasticsearchFact]
    public async Task A_catalogue_imported_again_under_new_product_ids_finds_none_of_the_old_ones()
    {
        var index = Open();
        var vectors = TestVectors.Clustered(300);
        await index.UpsertAsync(Entries(vectors, firstId: 1));
        await index.PublishAsync(1);

        await index.ClearAsync();
        await index.UpsertAsync(Entries(vectors, firstId: 10_001));
        await index.PublishAsync(2);

        Assert.Equal(300, await index.CountAsync());
        foreach (var q in new[] { 0, 57, 123, 299 })
            Assert.All(await index.SearchAsync(new SimilarityQuery(vectors[q], 20)), n => Assert.True(n.ProductId > 10_000, $"old id {n.ProductId} came back"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var index in _opened) await index.DeleteAsync();
    }
}
