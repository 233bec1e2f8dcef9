namespace ProductClassifier.Core.Similarity;

public enum SimilarityIndexKind
{
    /// <summary>A USearch HNSW file under the data folder, written by one process and read by many.</summary>
    Embedded,

    /// <summary>An Elasticsearch index with a <c>dense_vector</c> field, for catalogues that outgrow one machine.</summary>
    Elasticsearch,
}
