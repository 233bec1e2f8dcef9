using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// A version of a catalogue's index: its mapping (strict, so a document with a field the mapping lacks is refused
/// instead of silently mapped), and its watermark in the mapping's <c>_meta</c>, which moves with the version when the
/// alias switches to it.
/// </summary>
internal static class IndexMapping
{
    public const string ProductId = "productId", Vector = "vector", Categories = "categories", Predicted = "predicted";
    public const string Watermark = "watermark", PublishedAt = "publishedAt";

    public static CreateIndexRequest Create(string index, SimilarityOptions options) => new(index)
    {
        Mappings = new TypeMapping
        {
            Dynamic = DynamicMapping.Strict,
            Meta = Meta(0),
            Properties = new Properties
            {
                { ProductId, new LongNumberProperty() },
                { Vector, new DenseVectorProperty
                    {
                        Dims = options.EmbeddingDimensions,
                        Index = true,
                        Similarity = DenseVectorSimilarity.Cosine,
                        IndexOptions = new DenseVectorIndexOptions
                        {
                            Type = options.ElasticsearchInt8 ? DenseVectorIndexOptionsType.Int8Hnsw : DenseVectorIndexOptionsType.Hnsw,
                            M = options.Connectivity,
                            EfConstruction = options.ExpansionAdd,
                        },
                    } },
                { Categories, new KeywordProperty() },
                { Predicted, new KeywordProperty() },
            },
        },
    };

    public static PutMappingRequest Publish(string index, long watermark) => new(index) { Meta = Meta(watermark) };

    public static long WatermarkOf(TypeMapping? mapping) =>
        mapping?.Meta?.TryGetValue(Watermark, out var value) == true && long.TryParse(value?.ToString(), out var watermark) ? watermark : 0;

    private static Dictionary<string, object> Meta(long watermark) => new()
    {
        [Watermark] = watermark,
        [PublishedAt] = DateTime.UtcNow.ToString("O"),
    };
}
