namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>What the index holds, kept in a small companion index (one document per product index).</summary>
internal sealed record IndexState(long Watermark, DateTime PublishedAt);
