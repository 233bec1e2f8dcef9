using System.Text.Json;

namespace ProductClassifier.Core.Features;

/// <summary>
/// A product as the learning code sees it, whether it came from the database or straight from a data set folder.
/// </summary>
/// <param name="Id">Stable numeric id (database id, or row number for a folder).</param>
/// <param name="Key">The product's external id; splits and caches hash it, so they are stable across stores.</param>
/// <param name="ImagePath">Absolute path of the image file, or null when the product has none.</param>
/// <param name="Attributes">Extra feed columns: strings, numbers, comma-separated tags or objects.</param>
/// <param name="FiredRules">Indices of the catalogue's rules that fired for this product (the old system's output).</param>
public sealed record ProductRecord(
    long Id,
    string Key,
    string? Title,
    string? Description,
    string? Brand,
    double? Price,
    string? ImagePath,
    IReadOnlyDictionary<string, JsonElement> Attributes,
    int[] FiredRules);
