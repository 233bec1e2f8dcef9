using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// A catalogue's products in an Elasticsearch index: the embedding as a <c>dense_vector</c> (HNSW, cosine,
/// optionally int8-quantised) beside their category ids and predicted category ids; kNN searches with category
/// filters. Bulk writes go in bounded batches, one request in flight, and back off and retry on 429 (the cluster's
/// "too many requests"). The watermark lives in a companion index, <c>&lt;prefix&gt;state</c>.
/// </summary>
public sealed class ElasticsearchSimilarityIndex : ISimilarityIndexWriter
{
    private const string VectorField = "vector", CategoriesField = "categories";
    private readonly ElasticsearchClient _client;
    private readonly SimilarityOptions _options;
    private readonly string _index, _stateIndex;

    public ElasticsearchSimilarityIndex(ElasticsearchClient client, string catalogue, SimilarityOptions options)
    {
        (_client, _options) = (client, options);
        _index = (options.ElasticsearchIndexPrefix + SimilarityOptions.SafeName(catalogue)
            + (options.Embedding == SimilarityEmbedding.Learned ? "-learned" : "")).ToLowerInvariant();
        _stateIndex = (options.ElasticsearchIndexPrefix + "state").ToLowerInvariant();
    }

    public static ElasticsearchSimilarityIndex Create(string catalogue, IOptions<SimilarityOptions> options)
    {
        var url = options.Value.ElasticsearchUrl
            ?? throw new UserFacingException("Similarity:Kind is Elasticsearch but Similarity:ElasticsearchUrl is not set.");
        return new ElasticsearchSimilarityIndex(new ElasticsearchClient(new ElasticsearchClientSettings(url)), catalogue, options.Value);
    }

    public string Name => _index;

    public string Description =>
        $"Elasticsearch index {_index} ({(_options.ElasticsearchInt8 ? "int8_hnsw" : "hnsw")}, num_candidates {_options.ElasticsearchCandidates})";

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var response = await _client.CountAsync(new CountRequest(_index), ct);
        return response.IsValidResponse ? response.Count : IsMissing(response) ? 0 : throw Failure("count", response);
    }

    public async Task<IReadOnlyList<SimilarProduct>> SearchAsync(SimilarityQuery query, CancellationToken ct = default)
    {
        if (query.K <= 0) return [];
        var filters = new List<Query>();
        if (query.CategoryId is { } category) filters.Add(new TermQuery { Field = CategoriesField, Value = FieldValue.Long(category) });
        if (query.ExcludeProductId is { } excluded)
            filters.Add(new BoolQuery { MustNot = [new IdsQuery { Values = new Ids([new Id(excluded.ToString())]) }] });
        var knn = new KnnSearch
        {
            Field = VectorField,
            QueryVector = query.Vector,
            K = query.K,
            NumCandidates = Math.Max(_options.ElasticsearchCandidates, query.K),
            Filter = filters,
        };
        var response = await _client.SearchAsync<ProductDocument>(
            new SearchRequest(_index) { Knn = [knn], Size = query.K, Source = new SourceConfig(false) }, ct);
        if (!response.IsValidResponse) return IsMissing(response) ? [] : throw Failure("search", response);
        // Elasticsearch scores cosine as (1 + cos) / 2; this project's distance is 1 − cos.
        return response.Hits.Select(h => new SimilarProduct(long.Parse(h.Id!), (float)(2 - 2 * (h.Score ?? 0)))).ToList();
    }

    public async Task<long> WatermarkAsync(CancellationToken ct = default)
    {
        var response = await _client.GetAsync<IndexState>(new GetRequest(_stateIndex, _index), ct);
        return response.IsValidResponse && response.Found ? response.Source!.Watermark : 0;
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await DeleteAsync(ct);
        await EnsureIndexAsync(ct);
    }

    public async Task UpsertAsync(IReadOnlyList<SimilarityEntry> entries, CancellationToken ct = default)
    {
        await EnsureIndexAsync(ct);
        foreach (var batch in entries.Chunk(_options.BulkBatchSize))
            await BulkAsync(batch.Select(e => (IBulkOperation)new BulkIndexOperation<ProductDocument>(
                new ProductDocument(e.ProductId, e.Vector, e.Categories, e.Predicted)) { Id = e.ProductId.ToString() }).ToList(), ct);
    }

    public async Task RemoveAsync(IReadOnlyCollection<long> productIds, CancellationToken ct = default)
    {
        foreach (var batch in productIds.Chunk(_options.BulkBatchSize))
            await BulkAsync(batch.Select(id => (IBulkOperation)new BulkDeleteOperation(id.ToString())).ToList(), ct);
    }

    public async Task PublishAsync(long watermark, CancellationToken ct = default)
    {
        await _client.Indices.RefreshAsync(new RefreshRequest(_index), ct);
        var response = await _client.IndexAsync(new IndexState(watermark, DateTime.UtcNow), i => i.Index(_stateIndex).Id(_index).Refresh(Refresh.True), ct);
        if (!response.IsValidResponse) throw Failure("record the watermark", response);
    }

    /// <summary>Deletes the index and its watermark (a catalogue's removal, and tests).</summary>
    public async Task DeleteAsync(CancellationToken ct = default)
    {
        await _client.Indices.DeleteAsync(new DeleteIndexRequest(_index) { IgnoreUnavailable = true }, ct);
        await _client.DeleteAsync(new DeleteRequest(_stateIndex, _index), ct);
    }

    public void Dispose()
    {
    }

    /// <summary>Creates the index with its mapping unless it exists.</summary>
    public async Task EnsureIndexAsync(CancellationToken ct = default)
    {
        if ((await _client.Indices.ExistsAsync(new Elastic.Clients.Elasticsearch.IndexManagement.ExistsRequest(_index), ct)).Exists) return;
        var response = await _client.Indices.CreateAsync(new CreateIndexRequest(_index)
        {
            Mappings = new TypeMapping
            {
                Properties = new Properties
                {
                    { "productId", new LongNumberProperty() },
                    { VectorField, new DenseVectorProperty
                        {
                            Dims = _options.EmbeddingDimensions,
                            Index = true,
                            Similarity = DenseVectorSimilarity.Cosine,
                            IndexOptions = new DenseVectorIndexOptions
                            {
                                Type = _options.ElasticsearchInt8 ? DenseVectorIndexOptionsType.Int8Hnsw : DenseVectorIndexOptionsType.Hnsw,
                                M = _options.Connectivity,
                                EfConstruction = _options.ExpansionAdd,
                            },
                        } },
                    { CategoriesField, new IntegerNumberProperty() },
                    { "predicted", new IntegerNumberProperty() },
                },
            },
        }, ct);
        // Another writer may have created it meanwhile.
        if (!response.IsValidResponse && response.ElasticsearchServerError?.Error?.Type != "resource_already_exists_exception")
            throw Failure("create the index", response);
    }

    // Back-pressure: one bulk request in flight; items the cluster rejected with 429 go again after a growing pause.
    private async Task BulkAsync(List<IBulkOperation> operations, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = new BulkRequest(_index) { Operations = new BulkOperationsCollection(operations) };
            var response = await _client.BulkAsync(request, ct);
            var rejected = response.ApiCallDetails.HttpStatusCode == 429 ? operations
                : response.Items.Select((item, i) => (item, i)).Where(x => x.item.Status == 429).Select(x => operations[x.i]).ToList();
            var failed = response.Items.FirstOrDefault(i => i.Status is not (>= 200 and < 300) and not 429 and not 404);
            if (failed is not null) throw new InvalidOperationException($"Elasticsearch refused {failed.Id}: {failed.Error?.Reason}");
            if (rejected.Count == 0 && (response.IsValidResponse || response.Items.Count > 0)) return;
            if (rejected.Count == 0) throw Failure("bulk write", response);
            if (attempt >= _options.BulkRetries) throw new InvalidOperationException($"Elasticsearch kept rejecting bulk writes (429) after {attempt} retries.");
            await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), ct);
            operations = rejected;
        }
    }

    private static bool IsMissing(ElasticsearchResponse response) => response.ApiCallDetails.HttpStatusCode == 404;

    private static InvalidOperationException Failure(string what, ElasticsearchResponse response) =>
        new($"Elasticsearch could not {what}: {response.ElasticsearchServerError?.Error?.Reason ?? response.DebugInformation}");
}
