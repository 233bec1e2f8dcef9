namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>How far an ingest has come; bytes count the file as stored (compressed when gzipped).</summary>
public sealed record IngestProgress(IngestStage Stage, long BytesRead, long TotalBytes, long RowsRead);
