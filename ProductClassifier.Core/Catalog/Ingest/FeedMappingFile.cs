using System.Text.Json;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Reads a mapping file:
/// <c>{"format": "csv", "delimiter": ";", "fields": {"externalId": "sku", "price": "offer.price"},
/// "attributes": ["colour"] or "*", "categorySeparator": "/"}</c>. Every key but <c>fields</c> is optional.
/// </summary>
internal static class FeedMappingFile
{
    private static readonly string[] Keys = ["format", "delimiter", "fields", "attributes", "categorySeparator"];

    public static FeedMapping Read(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"Mapping file {path} does not exist.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"Mapping file {path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (document)
        {
            var mapping = Parse(document.RootElement, $"Mapping file {path}");
            mapping.Validate($"Mapping file {path}");
            return mapping;
        }
    }

    private static FeedMapping Parse(JsonElement root, string origin)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new UserFacingException($"{origin}: expected a JSON object.");
        var mapping = new FeedMapping();
        foreach (var property in root.EnumerateObject())
        {
            var where = $"{origin}, \"{property.Name}\"";
            mapping = property.Name switch
            {
                "format" => mapping with { Format = ParseFormat(String(property.Value, where), where) },
                "delimiter" => mapping with { Delimiter = ParseDelimiter(String(property.Value, where), where) },
                "fields" => mapping with { Fields = ParseFields(property.Value, where) },
                "attributes" => mapping with { Attributes = ParseAttributes(property.Value, where) },
                "categorySeparator" => mapping with { CategorySeparator = String(property.Value, where) },
                _ => throw new UserFacingException($"{origin}: unknown key \"{property.Name}\" (expected {string.Join(", ", Keys)})."),
            };
        }
        if (mapping.Fields.Count == 0) throw new UserFacingException($"{origin}: \"fields\" is missing or empty; it must map at least externalId.");
        return mapping;
    }

    private static Dictionary<ProductField, string> ParseFields(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new UserFacingException($"{where}: expected an object of product field → column or JSON path.");
        var fields = new Dictionary<ProductField, string>();
        foreach (var field in value.EnumerateObject())
        {
            if (!FeedMapping.TryParseField(field.Name, out var productField))
                throw new UserFacingException($"{where}: unknown product field \"{field.Name}\" (expected one of {string.Join(", ", FeedMapping.FieldNamesAccepted)}).");
            var path = String(field.Value, $"{where}.{field.Name}");
            if (string.IsNullOrWhiteSpace(path)) throw new UserFacingException($"{where}.{field.Name}: the column or path is empty.");
            if (!fields.TryAdd(productField, path)) throw new UserFacingException($"{where}: {productField} is mapped twice.");
        }
        return fields;
    }

    private static List<string>? ParseAttributes(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() == "*") return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw new UserFacingException($"{where}: expected \"*\" (every unmapped column) or an array of columns or JSON paths.");
        return value.EnumerateArray().Select((item, i) => String(item, $"{where}[{i}]")).ToList();
    }

    private static FeedFormat ParseFormat(string value, string where) => FeedMapping.TryParseFormat(value, out var format)
        ? format
        : throw new UserFacingException($"{where}: unknown format \"{value}\" (expected csv, tsv or jsonl).");

    private static char ParseDelimiter(string value, string where) => value switch
    {
        "\\t" or "\t" => '\t',
        { Length: 1 } => value[0],
        _ => throw new UserFacingException($"{where}: the delimiter must be a single character, not \"{value}\"."),
    };

    private static string String(JsonElement value, string where) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new UserFacingException($"{where}: expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}.");
}
