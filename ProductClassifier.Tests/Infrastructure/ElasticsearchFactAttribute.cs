using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// A test that needs a real Elasticsearch server: runs when ELASTICSEARCH_URL is set, and is reported as skipped,
/// with the reason, when it is not (no server can run on the development machine; docker compose starts one).
/// Credentials and trust come from ELASTICSEARCH_API_KEY, or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD, and
/// ELASTICSEARCH_CA_CERT or ELASTICSEARCH_FINGERPRINT.
/// </summary>
public sealed class ElasticsearchFactAttribute : FactAttribute
{
    public const string Variable = "ELASTICSEARCH_URL";

    public ElasticsearchFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Url))
            Skip = $"{Variable} is not set: these tests need a real Elasticsearch server (e.g. ELASTICSEARCH_URL=http://localhost:9200)";
    }

    public static string? Url => Environment.GetEnvironmentVariable(Variable);

    /// <summary>Similarity options for the server the environment names.</summary>
    public static SimilarityOptions Options(Action<SimilarityOptions>? configure = null)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var options = new SimilarityOptions
        {
            Kind = SimilarityIndexKind.Elasticsearch,
            ElasticsearchUrl = new Uri(Url!),
            ElasticsearchApiKey = Env("ELASTICSEARCH_API_KEY"),
            ElasticsearchUserName = Env("ELASTICSEARCH_USERNAME"),
            ElasticsearchPassword = Env("ELASTICSEARCH_PASSWORD"),
            ElasticsearchCaCertificate = Env("ELASTICSEARCH_CA_CERT"),
            ElasticsearchCertificateFingerprint = Env("ELASTICSEARCH_FINGERPRINT"),
        };
        configure?.Invoke(options);
        return options;
    }
}
