namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>Bounds a real Elasticsearch server enforces, checked here first so a bad setting gets a clear error.</summary>
public static class ElasticsearchLimits
{
    /// <summary>kNN <c>num_candidates</c> at most, and so <c>k</c> at most (k may not exceed num_candidates).</summary>
    public const int MaxCandidates = 10_000;

    /// <summary>HNSW <c>ef_construction</c> at most.</summary>
    public const int MaxEfConstruction = 3_200;
}
