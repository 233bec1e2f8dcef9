using System.ComponentModel.DataAnnotations;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Core.Similarity;

/// <summary>The <c>Similarity</c> configuration section: which index serves visual similarity, and how it is tuned.</summary>
public sealed class SimilarityOptions
{
    public const string Section = "Similarity";

    public SimilarityIndexKind Kind { get; set; } = SimilarityIndexKind.Embedded;

    /// <summary>Embeddings indexed: the <see cref="ProductEmbedding.Model"/> rows written by <c>./pc featurize</c>.</summary>
    [Required] public string Model { get; set; } = ImageFeaturizer.Model;

    [Range(1, 4096)] public int Dimensions { get; set; } = ImageFeaturizer.Dimensions;

    /// <summary>
    /// <see cref="SimilarityEmbedding.Pretrained"/> searches <see cref="Model"/>'s rows as they are;
    /// <see cref="SimilarityEmbedding.Learned"/> the catalogue's learned head over them (<c>./pc similarity learn</c> or a
    /// train-embedding job writes those rows). Each embedding has its own index, so switching needs its index built.
    /// </summary>
    public SimilarityEmbedding Embedding { get; set; } = SimilarityEmbedding.Pretrained;

    /// <summary>The <see cref="ProductEmbedding.Model"/> rows the chosen <see cref="Embedding"/> indexes.</summary>
    public string EmbeddingModel => Embedding == SimilarityEmbedding.Learned ? LearnedEmbedding.Model : Model;

    /// <summary>The width of the chosen embedding's vectors.</summary>
    public int EmbeddingDimensions => Embedding == SimilarityEmbedding.Learned ? LearnedEmbedding.Dimensions : Dimensions;

    /// <summary>Embedded: the folder holding one sub-folder per catalogue (default <c>.data/similarity</c>).</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// HNSW links per node (USearch's and Elasticsearch's default is 16). 32 because at 1M × 512 fashion features (with
    /// jittered copies: dense clusters of near-equal distances) it reaches recall@10 ≥ 0.95 at a search expansion of 24
    /// instead of 40, answering 1.5× the queries per core (BENCHMARKS.md) for a fifth more memory and the same build time.
    /// A built index keeps the connectivity it was built with: changing it needs a rebuild.
    /// </summary>
    [Range(4, 256)] public int Connectivity { get; set; } = 32;

    /// <summary>Embedded: candidates kept while inserting (USearch's default is 128).</summary>
    [Range(8, 4096)] public int ExpansionAdd { get; set; } = 128;

    /// <summary>
    /// Embedded: candidates kept while searching. On fashion features 32 already reached recall@10 0.985 at 100k, but
    /// on harder vectors (the recall test's rank-96 set) USearch's default 64 stays near 0.92 where 128 gives 0.98:
    /// 128 keeps a margin (BENCHMARKS.md has recall and speed by expansion).
    /// </summary>
    [Range(8, 4096)] public int ExpansionSearch { get; set; } = 128;

    /// <summary>
    /// Embedded: how the graph stores vectors. <see cref="VectorQuantization.Float32"/> keeps them exact; Float16 halves
    /// and Int8 quarters the bytes each distance reads, which is what bounds search speed once the vectors outgrow the
    /// caches (BENCHMARKS.md). Float16 is the default: at 1M × 512 it kept recall@10 0.960 (float32 0.968) at half the
    /// memory. Read from the file when an index is opened, so changing it needs a rebuild.
    /// </summary>
    public VectorQuantization Quantization { get; set; } = VectorQuantization.Float16;

    /// <summary>Embedded: threads adding vectors during a build (0: one per core).</summary>
    [Range(0, 256)] public int BuildThreads { get; set; }

    /// <summary>Embedded: a category with at most this many products is searched exactly rather than by a filtered graph walk.</summary>
    [Range(0, 1_000_000)] public int ExactCategoryLimit { get; set; } = 5000;

    /// <summary>Embedded readers look for a newly published file at most this often.</summary>
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Elasticsearch: the server, e.g. <c>http://localhost:9200</c>.</summary>
    public Uri? ElasticsearchUrl { get; set; }

    /// <summary>Elasticsearch: index names are this prefix plus the catalogue name.</summary>
    [Required] public string ElasticsearchIndexPrefix { get; set; } = "pc-similar-";

    /// <summary>Elasticsearch: <c>int8_hnsw</c> (scalar-quantised, ~4× less memory) rather than <c>hnsw</c>.</summary>
    public bool ElasticsearchInt8 { get; set; } = true;

    /// <summary>Elasticsearch: candidates per shard for kNN (Elasticsearch's <c>num_candidates</c>).</summary>
    [Range(10, 10_000)] public int ElasticsearchCandidates { get; set; } = 100;

    /// <summary>Elasticsearch: documents per bulk request, and how often a rejected (429) request is retried.</summary>
    [Range(1, 10_000)] public int BulkBatchSize { get; set; } = 500;
    [Range(0, 20)] public int BulkRetries { get; set; } = 6;

    /// <summary>The catalogue's index folder; the learned embedding's index sits beside the pretrained one.</summary>
    public string FolderFor(string catalogue) => Path.Combine(Folder ?? Data.ProjectRoot.DataFolder("similarity"),
        SafeName(catalogue) + (Embedding == SimilarityEmbedding.Learned ? ".learned" : ""));

    internal static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
