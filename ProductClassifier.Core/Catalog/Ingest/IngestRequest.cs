namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>One feed to ingest into a catalogue.</summary>
/// <param name="Source">The network or shop the feed comes from; external ids are unique per source.</param>
/// <param name="FeedPath">A .csv, .tsv, .jsonl or .ndjson file, optionally .gz.</param>
public sealed record IngestRequest(string Source, string FeedPath)
{
    /// <summary>How the feed's columns map to product fields; <see langword="null"/> = <see cref="FeedMapping.Identity"/>.</summary>
    public FeedMapping? Mapping { get; init; }

    /// <summary>The feed holds every product of the source: those missing from it are marked gone.</summary>
    public bool Full { get; init; }

    /// <summary>Where skipped rows are written (CSV); default beside the feed, or under .data/rejects/ when that folder is read-only.</summary>
    public string? RejectsPath { get; init; }
}
