using System.Text.Json.Nodes;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Elasticsearch;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>What the Elasticsearch index sends, against <see cref="FakeElasticsearch"/> (runs without a server).</summary>
public sealed class ElasticsearchRequestTests
{
    private static ElasticsearchSimilarityIndex Index(FakeElasticsearch server, int batch) => ElasticsearchSimilarityIndex.Create("fashion",
        Microsoft.Extensions.Options.Options.Create(new SimilarityOptions
        {
            Kind = SimilarityIndexKind.Elasticsearch, ElasticsearchUrl = server.Url, BulkBatchSize = batch, BulkRetries = 3,
        }));

    [Fact]
    public async Task The_index_is_created_with_a_cosine_int8_hnsw_dense_vector_and_category_fields()
    {
        using var server = new FakeElasticsearch(rejectFirstBulkHalf: false);

        await Index(server, 100).EnsureIndexAsync();

        var properties = JsonNode.Parse(server.Mapping!)!["mappings"]!["properties"]!;
        var vector = properties["vector"]!;
        Assert.Equal("dense_vector", (string?)vector["type"]);
        Assert.Equal(512, (int?)vector["dims"]);
        Assert.Equal("cosine", (string?)vector["similarity"]);
        Assert.Equal("int8_hnsw", (string?)vector["index_options"]!["type"]);
        Assert.Equal("integer", (string?)properties["categories"]!["type"]);
    }

    [Fact]
    public async Task Bulk_writes_go_in_bounded_batches_and_rejected_documents_are_retried_alone()
    {
        using var server = new FakeElasticsearch(rejectFirstBulkHalf: true);
        var vectors = TestVectors.Clustered(25);

        await Index(server, 10).UpsertAsync(vectors.Select((v, i) => new SimilarityEntry(i + 1, v, [1], [])).ToList());

        var requests = server.BulkIds.ToArray();
        Assert.All(requests, ids => Assert.True(ids.Length <= 10));
        Assert.Equal(["6", "7", "8", "9", "10"], requests[1]); // the first batch's rejected half, again
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"{i}").Order(), requests.Skip(1).SelectMany(ids => ids).Concat(requests[0][..5]).Order());
    }
}
