namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// A test that needs a real Elasticsearch server: runs when ELASTICSEARCH_URL is set, and is reported as skipped,
/// with the reason, when it is not (no server can run on the development machine; docker compose starts one).
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
}
