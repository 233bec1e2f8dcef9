namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>How a feed file is laid out; any of them may be gzipped.</summary>
public enum FeedFormat
{
    /// <summary>Comma-separated (or another <see cref="FeedMapping.Delimiter"/>), RFC 4180 quoting, header row first.</summary>
    Csv,

    /// <summary>Tab-separated, header row first, no quoting: a record is one line.</summary>
    Tsv,

    /// <summary>One JSON object per line (JSON Lines, NDJSON).</summary>
    JsonLines,
}
