using ProductClassifier.Core.Catalog.Ingest;

namespace ProductClassifier.Core.Datasets;

/// <summary>A data set's <c>dataset.json</c> as a feed mapping, so its products load through the normal ingest path.</summary>
public static class DatasetMapping
{
    public static FeedMapping ToFeedMapping(this DatasetDescriptor dataset)
    {
        var fields = new Dictionary<ProductField, string>();
        foreach (var (name, key) in dataset.Fields)
        {
            if (string.IsNullOrWhiteSpace(key)) continue;
            if (!FeedMapping.TryParseField(name, out var field))
                throw new UserFacingException($"{Path.Combine(dataset.Folder, "dataset.json")}: fields.{name}: unknown product field; " +
                    $"use {string.Join(", ", FeedMapping.FieldNamesAccepted)}.");
            fields[field] = key;
        }
        if (dataset.CategoryPath is { Length: > 0 } categoryPath) fields[ProductField.CategoryPath] = categoryPath;
        if (!FeedMapping.TryParseFormat(dataset.Format, out var format))
            throw new UserFacingException($"{Path.Combine(dataset.Folder, "dataset.json")}: format '{dataset.Format}': use jsonl or csv.");
        return new FeedMapping { Format = format, Fields = fields, Attributes = dataset.Attributes };
    }
}
