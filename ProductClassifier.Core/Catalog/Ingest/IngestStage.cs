namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>Where an ingest is: streaming the feed into staging, then merging staging into the catalogue.</summary>
public enum IngestStage
{
    Reading,
    Merging,
}
