using System.Text.Json.Nodes;
using ProductClassifier.Core;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Elasticsearch;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>What the Elasticsearch index sends, and how it takes failures, against <see cref="FakeElasticsearch"/> (runs without a server).</summary>
public sealed class ElasticsearchRequestTests
{
    internal static ElasticsearchSimilarityIndex Index(FakeElasticsearch server, string catalogue = "fashion", Action<SimilarityOptions>? configure = null)
    {
        var options = new SimilarityOptions
        {
            Kind = SimilarityIndexKind.Elasticsearch,
            ElasticsearchUrl = server.Url,
            BulkBatchSize = 10,
            ElasticsearchRetries = 3,
        };
        configure?.Invoke(options);
        return ElasticsearchSimilarityIndex.Create(catalogue, Microsoft.Extensions.Options.Options.Create(options));
    }

    internal static List<SimilarityEntry> Entries(int count, int firstId = 1) =>
        TestVectors.Clustered(count).Select((v, i) => new SimilarityEntry(firstId + i, v, [i % 2 == 0 ? 1 : 2], [3])).ToList();

    [Fact]
    public async Task The_index_is_created_with_a_strict_mapping_a_cosine_int8_hnsw_vector_and_keyword_categories()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        await Index(server).EnsureIndexAsync();

        var mappings = JsonNode.Parse(server.Mapping!)!["mappings"]!;
        Assert.Equal("strict", (string?)mappings["dynamic"]);
        Assert.Equal(0, (long?)mappings["_meta"]!["watermark"]);
        var vector = mappings["properties"]!["vector"]!;
        Assert.Equal("dense_vector", (string?)vector["type"]);
        Assert.Equal(512, (int?)vector["dims"]);
        Assert.Equal("cosine", (string?)vector["similarity"]);
        Assert.Equal("int8_hnsw", (string?)vector["index_options"]!["type"]);
        Assert.Equal(32, (int?)vector["index_options"]!["m"]);
        Assert.Equal("keyword", (string?)mappings["properties"]!["categories"]!["type"]);
        Assert.Equal("keyword", (string?)mappings["properties"]!["predicted"]!["type"]);
    }

    [Fact]
    public async Task Documents_carry_exactly_the_mapped_fields_and_are_found_by_category()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        var entries = Entries(30);

        await index.UpsertAsync(entries);
        await index.PublishAsync(3);

        Assert.Equal(30, await index.CountAsync());
        var found = await index.SearchAsync(new SimilarityQuery(entries[4].Vector, 5, CategoryId: 2));
        Assert.Equal(5, found.Count);
        Assert.All(found, n => Assert.Equal(0, n.ProductId % 2)); // category 2: the even ids (odd positions)
    }

    [Fact]
    public async Task Bulk_writes_go_in_bounded_batches_and_rejected_documents_are_retried_alone()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        server.RejectFirstBulkHalf = true;

        await Index(server).UpsertAsync(Entries(25));

        var requests = server.BulkIds.ToArray();
        Assert.All(requests, ids => Assert.True(ids.Length <= 10));
        Assert.Equal(["6", "7", "8", "9", "10"], requests[1]); // the first batch's rejected half, again
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"{i}").Order(), requests.Skip(1).SelectMany(ids => ids).Concat(requests[0][..5]).Order());
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_bulk_request_refused_whole_for_a_passing_reason_is_sent_again(int status)
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        await index.EnsureIndexAsync();
        server.Fail("_bulk", status, times: 2);

        await index.UpsertAsync(Entries(10));
        await index.PublishAsync(1);

        Assert.Equal(10, await index.CountAsync());
    }

    [Fact]
    public async Task Refused_credentials_are_reported_as_such_not_as_a_null_reference()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        await index.EnsureIndexAsync();
        server.Fail("_bulk", 401);

        var error = await Assert.ThrowsAsync<UserFacingException>(() => index.UpsertAsync(Entries(3)));

        Assert.Contains("401", error.Message);
        Assert.Contains("Similarity:ElasticsearchApiKey", error.Message);
    }

    [Fact]
    public async Task A_bulk_request_too_large_is_split_until_it_fits()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        server.MaxBulkDocuments = 3;
        using var index = Index(server);

        await index.UpsertAsync(Entries(10));
        await index.PublishAsync(1);

        Assert.Equal(10, await index.CountAsync());
        Assert.All(server.BulkIds, ids => Assert.True(ids.Length <= 3));
    }

    [Fact]
    public async Task Retries_end_with_an_error_that_says_what_kept_failing()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server, configure: o => o.ElasticsearchRetries = 1);
        await index.EnsureIndexAsync();
        server.Fail("_bulk", 429, times: 5);

        var error = await Assert.ThrowsAsync<UserFacingException>(() => index.UpsertAsync(Entries(3)));

        Assert.Contains("429", error.Message);
    }

    [Fact]
    public async Task A_search_that_meets_a_5xx_is_retried()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        var entries = Entries(20);
        await index.UpsertAsync(entries);
        await index.PublishAsync(1);
        server.Fail("_search", 503);

        var found = await index.SearchAsync(new SimilarityQuery(entries[7].Vector, 3));

        Assert.Equal(8, found[0].ProductId);
    }

    [Fact]
    public async Task Int8_searches_rescore_on_the_float_vectors_and_k_is_bounded_as_Elasticsearch_bounds_it()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        var entries = Entries(20);
        await index.UpsertAsync(entries);
        await index.PublishAsync(1);

        var all = await index.SearchAsync(new SimilarityQuery(entries[0].Vector, ElasticsearchLimits.MaxCandidates));
        var tooMany = await Assert.ThrowsAsync<UserFacingException>(() => index.SearchAsync(new SimilarityQuery(entries[0].Vector, 10_001)));

        Assert.Equal(20, all.Count); // the fake refuses num_candidates > 10,000 or < k, as Elasticsearch does
        var search = JsonNode.Parse(server.LastSearchBody!)!["knn"]!;
        Assert.Equal(3.0, (double?)search["rescore_vector"]!["oversample"]);
        Assert.Equal(10_000, (int?)search["num_candidates"]);
        Assert.Contains("10,000", tooMany.Message);
    }

    [Fact]
    public async Task A_catalogue_named_state_has_an_index_of_its_own_beside_the_watermarks()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var state = Index(server, "state");
        using var other = Index(server, "fashion");

        await state.UpsertAsync(Entries(4));
        await state.PublishAsync(5);
        await other.UpsertAsync(Entries(6, firstId: 100));
        await other.PublishAsync(7);

        Assert.Equal(5, await state.WatermarkAsync());
        Assert.Equal(7, await other.WatermarkAsync());
        Assert.Equal(4, await state.CountAsync());
        Assert.Equal(6, await other.CountAsync());
    }

    [Theory]
    [InlineData(3201, "ExpansionAdd")]
    [InlineData(128, "not both")]
    public void Settings_Elasticsearch_would_refuse_fail_validation_by_name(int expansionAdd, string expected)
    {
        var options = new SimilarityOptions
        {
            Kind = SimilarityIndexKind.Elasticsearch,
            ElasticsearchUrl = new Uri("http://localhost:9200"),
            ExpansionAdd = expansionAdd,
            ElasticsearchApiKey = expected == "not both" ? "key" : null,
            ElasticsearchUserName = expected == "not both" ? "elastic" : null,
            ElasticsearchPassword = expected == "not both" ? "secret" : null,
        };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains(expected));
    }
}
