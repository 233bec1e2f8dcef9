namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>A product as the Elasticsearch index stores it (the document id is the product id).</summary>
internal sealed record ProductDocument(long ProductId, float[] Vector, int[] Categories, int[] Predicted);
