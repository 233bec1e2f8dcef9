using System.ComponentModel.DataAnnotations;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity.Elasticsearch;

namespace ProductClassifier.Core.Similarity;

/// <summary>The <c>Similarity</c> configuration section: which index serves visual similarity, and how it is tuned.</summary>
public sealed class SimilarityOptions : IValidatableObject
{
    public const string Section = "Similarity";

    public SimilarityIndexKind Kind { get; set; } = SimilarityIndexKind.Embedded;

    /// <summary>Embeddings indexed: the <see cref="ProductEmbedding.Model"/> rows written by <c>./pc featurize</c>.</summary>
    [Required] public string Model { get; set; } = ImageFeaturizer.Model;

    [Range(1, 4096)] public int Dimensions { get; set; } = ImageFeaturizer.Dimensions;

    /// <summary>
    /// <see cref="SimilarityEmbedding.Pretrained"/> searches <see cref="Model"/>'s rows as they are;
    /// <see cref="SimilarityEmbedding.Learned"/> the catalogue's learned head over them (<c>./pc similarity learn</c> or a
    /// train-embedding job writes those rows). Each embedding has its own index, so switching needs its index built. This is
    /// the default for catalogues whose admins chose none: a choice stored per catalogue (<see cref="EmbeddingChoice"/>)
    /// wins once an index-similarity job has published its index.
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

    /// <summary>Candidates kept while inserting (USearch's default is 128; Elasticsearch's <c>ef_construction</c>, at most 3,200).</summary>
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

    /// <summary>Elasticsearch: the server, e.g. <c>https://localhost:9200</c>.</summary>
    public Uri? ElasticsearchUrl { get; set; }

    /// <summary>Elasticsearch: an API key (the <c>encoded</c> value the create-API-key call returns); or a user name and password.</summary>
    public string? ElasticsearchApiKey { get; set; }

    public string? ElasticsearchUserName { get; set; }
    public string? ElasticsearchPassword { get; set; }

    /// <summary>
    /// Elasticsearch over https with a certificate no system authority signed (a default Elasticsearch 9 node signs its
    /// own): the CA certificate file (PEM, e.g. <c>config/certs/http_ca.crt</c>), or the SHA-256 fingerprint of that CA
    /// certificate as the node prints it at its first start (hex, colons optional).
    /// </summary>
    public string? ElasticsearchCaCertificate { get; set; }

    public string? ElasticsearchCertificateFingerprint { get; set; }

    /// <summary>Elasticsearch: index names are this prefix plus the catalogue name (an alias on the live version).</summary>
    [Required] public string ElasticsearchIndexPrefix { get; set; } = "pc-similar-";

    /// <summary>Elasticsearch: <c>int8_hnsw</c> (scalar-quantised, ~4× less memory for the graph) rather than <c>hnsw</c>.</summary>
    public bool ElasticsearchInt8 { get; set; } = true;

    /// <summary>
    /// Elasticsearch, int8_hnsw: each search gathers k × this many candidates on the quantised vectors and rescores them on
    /// the float ones (<c>rescore_vector</c>), so the distances are exact and the order right; Elasticsearch's own default
    /// for quantised fields is 3.
    /// </summary>
    [Range(1.0, 10.0)] public double ElasticsearchOversample { get; set; } = 3;

    /// <summary>Elasticsearch: candidates per shard for kNN (<c>num_candidates</c>, which Elasticsearch bounds at 10,000).</summary>
    [Range(10, ElasticsearchLimits.MaxCandidates)] public int ElasticsearchCandidates { get; set; } = 100;

    /// <summary>Elasticsearch: how long one request may take before it counts as failed (and is retried).</summary>
    public TimeSpan ElasticsearchRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Elasticsearch: how often a request that failed for a passing reason (429, 5xx, a timeout, a lost connection) is
    /// retried, with growing pauses; writes use all of them, searches at most two so a page never waits long.
    /// </summary>
    [Range(0, 20)] public int ElasticsearchRetries { get; set; } = 6;

    /// <summary>Elasticsearch: documents per bulk request (one request in flight).</summary>
    [Range(1, 10_000)] public int BulkBatchSize { get; set; } = 500;

    /// <summary>Elasticsearch settings that only make sense together, checked when Elasticsearch serves the index.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind != SimilarityIndexKind.Elasticsearch) yield break;
        if (ElasticsearchUrl is null)
            yield return new("Similarity:Kind is Elasticsearch but Similarity:ElasticsearchUrl is not set.", [nameof(ElasticsearchUrl)]);
        if (!string.IsNullOrEmpty(ElasticsearchApiKey) && !string.IsNullOrEmpty(ElasticsearchUserName))
            yield return new("Set Similarity:ElasticsearchApiKey or Similarity:ElasticsearchUserName (with a password), not both.",
                [nameof(ElasticsearchApiKey), nameof(ElasticsearchUserName)]);
        if (string.IsNullOrEmpty(ElasticsearchUserName) != string.IsNullOrEmpty(ElasticsearchPassword))
            yield return new("Similarity:ElasticsearchUserName and Similarity:ElasticsearchPassword go together.",
                [nameof(ElasticsearchUserName), nameof(ElasticsearchPassword)]);
        if (!string.IsNullOrEmpty(ElasticsearchCaCertificate) && !string.IsNullOrEmpty(ElasticsearchCertificateFingerprint))
            yield return new("Set Similarity:ElasticsearchCaCertificate or Similarity:ElasticsearchCertificateFingerprint, not both.",
                [nameof(ElasticsearchCaCertificate), nameof(ElasticsearchCertificateFingerprint)]);
        if (ExpansionAdd > ElasticsearchLimits.MaxEfConstruction)
            yield return new($"Similarity:ExpansionAdd is {ExpansionAdd}; Elasticsearch's ef_construction is at most {ElasticsearchLimits.MaxEfConstruction:N0}.",
                [nameof(ExpansionAdd)]);
        if (ElasticsearchRequestTimeout <= TimeSpan.Zero)
            yield return new("Similarity:ElasticsearchRequestTimeout must be positive.", [nameof(ElasticsearchRequestTimeout)]);
    }

    /// <summary>
    /// These settings with <paramref name="embedding"/> as the <see cref="Embedding"/>: what opens that embedding's index
    /// (folder or Elasticsearch alias, width, rows), whichever one the configuration names.
    /// </summary>
    public SimilarityOptions For(SimilarityEmbedding embedding)
    {
        if (embedding == Embedding) return this;
        var copy = (SimilarityOptions)MemberwiseClone();
        copy.Embedding = embedding;
        return copy;
    }

    /// <summary>The catalogue's index folder; the learned embedding's index sits beside the pretrained one.</summary>
    public string FolderFor(string catalogue) => Path.Combine(Folder ?? Data.ProjectRoot.DataFolder("similarity"),
        SafeName(catalogue) + (Embedding == SimilarityEmbedding.Learned ? ".learned" : ""));

    internal static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
