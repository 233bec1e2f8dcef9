using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Datasets;

/// <summary>
/// A data set folder's <c>dataset.json</c>: where its products, images, rules and true labels are,
/// so one command works on any such folder without code changes.
/// </summary>
public sealed record DatasetDescriptor
{
    public required string Name { get; init; }
    public required string Products { get; init; }

    /// <summary><c>jsonl</c> or <c>csv</c>; the file may be gzipped either way.</summary>
    public string Format { get; init; } = "jsonl";
    public string Source { get; init; } = "dataset";

    /// <summary>Product field (id, title, description, brand, price, currency, image, merchant) → the file's key.</summary>
    public Dictionary<string, string> Fields { get; init; } = [];

    /// <summary>Extra keys used as categorical features: strings, numbers, comma-separated tags or objects.</summary>
    public string[] Attributes { get; init; } = [];

    /// <summary>Key of the ground-truth category path (an array of names, root first).</summary>
    public string? CategoryPath { get; init; }
    public string? Rules { get; init; }

    /// <summary>The folder the descriptor was read from; relative paths resolve against it.</summary>
    [JsonIgnore] public string Folder { get; init; } = "";

    public string ProductsPath => Path.Combine(Folder, Products);
    public string? RulesPath => Rules is null ? null : Path.Combine(Folder, Rules);
    public string? Field(string name) => Fields.TryGetValue(name, out var key) && !string.IsNullOrWhiteSpace(key) ? key : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads <c>DIR/dataset.json</c>; a missing or malformed file is a clear error naming it.</summary>
    public static DatasetDescriptor Load(string folder)
    {
        var path = Path.Combine(Path.GetFullPath(folder), "dataset.json");
        if (!File.Exists(path)) throw new UserFacingException($"{path}: not found; a dataset folder needs a dataset.json.");
        DatasetDescriptor? descriptor;
        try { descriptor = JsonSerializer.Deserialize<DatasetDescriptor>(File.ReadAllText(path), Json); }
        catch (JsonException e)
        {
            throw new UserFacingException($"{path}: line {e.LineNumber + 1}: {e.Message}", e);
        }
        if (descriptor is null || string.IsNullOrWhiteSpace(descriptor.Name))
            throw new UserFacingException($"{path}: field 'name' is required.");
        if (string.IsNullOrWhiteSpace(descriptor.Products))
            throw new UserFacingException($"{path}: field 'products' is required.");
        descriptor = descriptor with { Folder = Path.GetDirectoryName(path)! };
        if (!File.Exists(descriptor.ProductsPath))
            throw new UserFacingException($"{path}: field 'products': {descriptor.ProductsPath} does not exist.");
        if (descriptor.Field("id") is null)
            throw new UserFacingException($"{path}: field 'fields.id' is required (the key of each product's id).");
        return descriptor;
    }
}
