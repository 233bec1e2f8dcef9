using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// A catalogue's products in Elasticsearch: the embedding as a <c>dense_vector</c> (HNSW, cosine, optionally
/// int8-quantised and then rescored on the float vectors) beside their category ids and predicted category ids as
/// keywords; kNN searches with category filters. Searches go to an alias, <c>&lt;prefix&gt;&lt;catalogue&gt;</c>, on the
/// live version of the index, <c>&lt;alias&gt;~&lt;timestamp&gt;</c>; a rebuild fills a new version and switches the alias
/// to it in one step when it publishes, so searches never meet an empty or half-built index. Each version keeps the
/// watermark it holds in its mapping's <c>_meta</c>.
/// </summary>
public sealed class ElasticsearchSimilarityIndex : ISimilarityIndexWriter
{
    /// <summary>Between the alias and a version's timestamp: <see cref="SimilarityOptions.SafeName"/> never writes it, so no catalogue's alias is another's version.</summary>
    public const char VersionSeparator = '~';

    private const int SearchRetries = 2;
    private readonly ElasticsearchClient _client;
    private readonly SimilarityOptions _options;
    private readonly BulkWriter _bulk;
    private string? _target;

    public ElasticsearchSimilarityIndex(ElasticsearchClient client, string catalogue, SimilarityOptions options)
    {
        (_client, _options) = (client, options);
        Name = (options.ElasticsearchIndexPrefix + SimilarityOptions.SafeName(catalogue)
            + (options.Embedding == SimilarityEmbedding.Learned ? "-learned" : "")).ToLowerInvariant();
        _bulk = new BulkWriter(client, options);
    }

    public static ElasticsearchSimilarityIndex Create(string catalogue, IOptions<SimilarityOptions> options) =>
        new(ElasticsearchConnection.CreateClient(options.Value), catalogue, options.Value);

    /// <summary>The alias searches go to.</summary>
    public string Name { get; }

    public string Description =>
        $"Elasticsearch index {Name} ({(_options.ElasticsearchInt8 ? $"int8_hnsw, rescored ×{_options.ElasticsearchOversample}" : "hnsw")}, " +
        $"num_candidates {_options.ElasticsearchCandidates})";

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var response = await ElasticsearchRequests.SendAsync(t => _client.CountAsync(new CountRequest(_target ?? Name), t), SearchRetries, ct);
        return response.IsValidResponse ? response.Count : ElasticsearchRequests.IsMissing(response) ? 0 : throw ElasticsearchRequests.Failure($"count {Name}", response);
    }

    public async Task<IReadOnlyList<SimilarProduct>> SearchAsync(SimilarityQuery query, CancellationToken ct = default)
    {
        if (query.K <= 0) return [];
        if (query.K > ElasticsearchLimits.MaxCandidates)
            throw new UserFacingException($"k is {query.K:N0}: Elasticsearch finds at most {ElasticsearchLimits.MaxCandidates:N0} neighbours (num_candidates ≤ 10,000).");
        var request = new SearchRequest(Name) { Knn = [Knn(query)], Size = query.K, Source = new SourceConfig(false) };
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.SearchAsync<ProductDocument>(request, ct);
            // A search that reached the old version as the alias switched finds it gone, or its shards failing:
            // another try resolves the alias again.
            var passing = response.IsValidResponse
                ? response.Shards.Failed > 0 && response.Hits.Count == 0
                : ElasticsearchRequests.IsTransient(response) || ElasticsearchRequests.IsMissing(response) && attempt == 0;
            if (passing && attempt < SearchRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt), ct);
                continue;
            }
            if (!response.IsValidResponse)
                return ElasticsearchRequests.IsMissing(response) ? [] : throw ElasticsearchRequests.Failure($"search {Name}", response);
            return Neighbours(response);
        }
    }

    private static List<SimilarProduct> Neighbours(SearchResponse<ProductDocument> response) =>
        // Elasticsearch scores cosine as (1 + cos) / 2; this project's distance is 1 − cos.
        response.Hits.Select(h => new SimilarProduct(long.Parse(h.Id!), (float)(2 - 2 * (h.Score ?? 0)))).ToList();

    /// <summary>The watermark of the version this writer writes: the live one's, or 0 for a new version a rebuild fills.</summary>
    public async Task<long> WatermarkAsync(CancellationToken ct = default)
    {
        var (index, mapping) = await MappingAsync(_target ?? Name, ct);
        return index is null ? 0 : IndexMapping.WatermarkOf(mapping);
    }

    /// <summary>Starts a new, empty version; searches keep answering from the live one until <see cref="PublishAsync"/>.</summary>
    public async Task ClearAsync(CancellationToken ct = default) => _target = await CreateVersionAsync(ct);

    public async Task UpsertAsync(IReadOnlyList<SimilarityEntry> entries, CancellationToken ct = default) =>
        await _bulk.WriteAsync(await TargetAsync(ct), entries.Select(e => (IBulkOperation)new BulkIndexOperation<ProductDocument>(
            new ProductDocument(e.ProductId, e.Vector, Keywords(e.Categories), Keywords(e.Predicted)))
        { Id = e.ProductId.ToString() }).ToList(), ct);

    public async Task RemoveAsync(IReadOnlyCollection<long> productIds, CancellationToken ct = default) =>
        await _bulk.WriteAsync(await TargetAsync(ct), productIds.Select(id => (IBulkOperation)new BulkDeleteOperation(id.ToString())).ToList(), ct);

    /// <summary>Makes the writes searchable, records the watermark in the version, and switches the alias to it when it is new.</summary>
    public async Task PublishAsync(long watermark, CancellationToken ct = default)
    {
        var target = await TargetAsync(ct);
        await Require($"refresh {target}", t => _client.Indices.RefreshAsync(new RefreshRequest(target), t), ct);
        await Require($"record the watermark of {target}", t => _client.Indices.PutMappingAsync(IndexMapping.Publish(target, watermark), t), ct);
        var live = await LiveIndicesAsync(ct);
        if (live.SequenceEqual([target])) return;
        // One atomic step: the alias moves, and the versions it leaves (or an index of the alias's own name, from
        // before versions) go with it.
        var actions = new List<IndexUpdateAliasesAction> { new() { Add = new AddAction { Index = target, Alias = Name } } };
        actions.AddRange(live.Select(index => index == Name
            ? new IndexUpdateAliasesAction { RemoveIndex = new RemoveIndexAction { Index = index } }
            : new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = index, Alias = Name } }));
        await Require($"switch {Name} to {target}", t => _client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, t), ct);
        foreach (var old in live.Where(index => index != Name)) await DeleteIndexAsync(old, ct);
    }

    /// <summary>Deletes every version of the catalogue's index and the alias with them (a catalogue's removal, and tests).</summary>
    public async Task DeleteAsync(CancellationToken ct = default)
    {
        var versions = await ElasticsearchRequests.SendAsync(t => _client.Indices.GetAsync(
            new GetIndexRequest($"{Name}{VersionSeparator}*,{Name}") { IgnoreUnavailable = true, AllowNoIndices = true }, t), _options.ElasticsearchRetries, ct);
        if (!versions.IsValidResponse && !ElasticsearchRequests.IsMissing(versions)) throw ElasticsearchRequests.Failure($"list the versions of {Name}", versions);
        foreach (var index in versions.Indices?.Keys ?? []) await DeleteIndexAsync(index, ct);
        _target = null;
    }

    public void Dispose()
    {
    }

    /// <summary>Makes sure there is a version to write: the live one, else a new one (published by the next <see cref="PublishAsync"/>).</summary>
    public Task EnsureIndexAsync(CancellationToken ct = default) => TargetAsync(ct);

    /// <summary>The live version's mapping as Elasticsearch reports it (JSON), for checks against a real server.</summary>
    internal async Task<string> MappingJsonAsync(CancellationToken ct = default)
    {
        var response = await Elastic.Transport.TransportHttpMethodExtensions.GetAsync<Elastic.Transport.StringResponse>(
            _client.Transport, $"/{Name}/_mapping", ct);
        return response.Body;
    }

    private KnnSearch Knn(SimilarityQuery query)
    {
        var filters = new List<Query>();
        if (query.CategoryId is { } category) filters.Add(new TermQuery { Field = IndexMapping.Categories, Value = FieldValue.String(category.ToString()) });
        if (query.ExcludeProductId is { } excluded)
            filters.Add(new BoolQuery { MustNot = [new IdsQuery { Values = new Ids([new Id(excluded.ToString())]) }] });
        return new KnnSearch
        {
            Field = IndexMapping.Vector,
            QueryVector = query.Vector,
            K = query.K,
            NumCandidates = Math.Min(ElasticsearchLimits.MaxCandidates, Math.Max(_options.ElasticsearchCandidates, query.K)),
            Filter = filters,
            // int8 distances are approximate: gather k × oversample candidates and score them on the float vectors.
            RescoreVector = _options.ElasticsearchInt8 ? new RescoreVector { Oversample = (float)_options.ElasticsearchOversample } : null,
        };
    }

    private async Task<string> TargetAsync(CancellationToken ct)
    {
        if (_target is not null) return _target;
        var (live, _) = await MappingAsync(Name, ct);
        return _target = live ?? await CreateVersionAsync(ct);
    }

    private async Task<string> CreateVersionAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var version = $"{Name}{VersionSeparator}{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            var response = await ElasticsearchRequests.SendAsync(t => _client.Indices.CreateAsync(IndexMapping.Create(version, _options), t),
                _options.ElasticsearchRetries, ct);
            if (response.IsValidResponse) return version;
            // Another writer took the same millisecond.
            if (response.ElasticsearchServerError?.Error?.Type != "resource_already_exists_exception" || attempt >= 3)
                throw ElasticsearchRequests.Failure($"create {version}", response);
        }
    }

    /// <summary>The concrete index an alias (or index name) stands for, with its mapping; (null, null) when there is none.</summary>
    private async Task<(string? Index, Elastic.Clients.Elasticsearch.Mapping.TypeMapping? Mapping)> MappingAsync(string name, CancellationToken ct)
    {
        var response = await ElasticsearchRequests.SendAsync(t => _client.Indices.GetMappingAsync(new GetMappingRequest(name), t), SearchRetries, ct);
        if (ElasticsearchRequests.IsMissing(response)) return (null, null);
        if (!response.IsValidResponse) throw ElasticsearchRequests.Failure($"read the mapping of {name}", response);
        var (index, record) = response.Mappings.OrderByDescending(m => m.Key, StringComparer.Ordinal).First();
        return (index, record.Mappings);
    }

    private async Task<List<string>> LiveIndicesAsync(CancellationToken ct)
    {
        var response = await ElasticsearchRequests.SendAsync(t => _client.Indices.GetMappingAsync(new GetMappingRequest(Name), t), SearchRetries, ct);
        if (ElasticsearchRequests.IsMissing(response)) return [];
        if (!response.IsValidResponse) throw ElasticsearchRequests.Failure($"resolve {Name}", response);
        return response.Mappings.Keys.Order(StringComparer.Ordinal).ToList();
    }

    private Task DeleteIndexAsync(string index, CancellationToken ct) =>
        Require($"delete {index}", t => _client.Indices.DeleteAsync(new DeleteIndexRequest(index) { IgnoreUnavailable = true }, t), ct);

    private async Task Require<T>(string what, Func<CancellationToken, Task<T>> send, CancellationToken ct)
        where T : Elastic.Transport.Products.Elasticsearch.ElasticsearchResponse
    {
        var response = await ElasticsearchRequests.SendAsync(send, _options.ElasticsearchRetries, ct);
        if (!response.IsValidResponse) throw ElasticsearchRequests.Failure(what, response);
    }

    private static string[] Keywords(int[] ids) => Array.ConvertAll(ids, id => id.ToString());
}
