namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// A product as the Elasticsearch index stores it (the document id is the product id). Category ids are strings: the
/// fields are <c>keyword</c>s, which term filters match faster than numbers.
/// </summary>
internal sealed record ProductDocument(long ProductId, float[] Vector, string[] Categories, string[] Predicted);
