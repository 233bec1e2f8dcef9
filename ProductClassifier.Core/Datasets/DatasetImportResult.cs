using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;

namespace ProductClassifier.Core.Datasets;

/// <summary>What a data set import created.</summary>
public sealed record DatasetImportResult(
    Catalogue Catalogue, IngestResult Products, int Images, int MissingImages, int Categories, int Rules,
    int RuleLabels, int ReferenceLabels);

/// <summary>Where a data set import is: a stage name and, for long stages, how far along.</summary>
public sealed record DatasetImportProgress(string Stage, long Done = 0, long Total = 0);
