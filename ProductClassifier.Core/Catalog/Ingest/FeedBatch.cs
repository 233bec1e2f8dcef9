namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>Rows read from one window of a feed, and how far into the file (as stored) the reader was.</summary>
internal sealed record FeedBatch(List<FeedRow> Rows, long BytesRead, long RecordsRead);
