using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProductClassifier.Core.Demo;

/// <summary>The demo folder's files, in the dataset.json format every dataset folder uses.</summary>
internal static class DemoDatasetFiles
{
    public const string ManifestFile = "dataset.json";
    public const string ProductsFile = "products.jsonl.gz";
    public const string RulesFile = "rules.json";

    // Feeds carry raw HTML and ampersands; escaping them as \u003C would only make the file harder to read.
    private static readonly JsonWriterOptions Line = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Pretty = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static async Task WriteProductsAsync(string path, IEnumerable<DemoProduct> products, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        var buffer = new MemoryStream();
        foreach (var product in products)
        {
            buffer.SetLength(0);
            await using (var writer = new Utf8JsonWriter(buffer, Line)) WriteObject(writer, product.Fields);
            buffer.WriteByte((byte)'\n');
            buffer.Position = 0;
            await buffer.CopyToAsync(gzip, ct);
        }
    }

    public static Task WriteRulesAsync(string path, IReadOnlyList<DemoRuleFactory.DemoRule> rules, CancellationToken ct) =>
        WriteJsonAsync(path, writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < rules.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", $"r{i + 1}");
                writer.WriteString("category", rules[i].Category);
                writer.WriteString("field", rules[i].Field);
                writer.WriteStartArray("terms");
                foreach (var term in rules[i].Terms) writer.WriteStringValue(term);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }, ct);

    public static Task WriteManifestAsync(string path, string name, CancellationToken ct) =>
        WriteJsonAsync(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("products", ProductsFile);
            writer.WriteString("format", "jsonl");
            writer.WriteString("source", "demo");
            writer.WriteStartObject("fields");
            foreach (var field in new[] { "id", "title", "description", "brand", "price", "currency", "image" })
                writer.WriteString(field, field);
            writer.WriteEndObject();
            writer.WriteStartArray("attributes");
            foreach (var attribute in new[] { "gender", "colour", "material", "tags", "rating", "weight_g", "specs" })
                writer.WriteStringValue(attribute);
            writer.WriteEndArray();
            writer.WriteString("categoryPath", "category_path");
            writer.WriteString("rules", RulesFile);
            writer.WriteEndObject();
        }, ct);

    private static async Task WriteJsonAsync(string path, Action<Utf8JsonWriter> write, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await using (var writer = new Utf8JsonWriter(file, Pretty)) write(writer);
        await file.WriteAsync("\n"u8.ToArray(), ct);
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<DemoField> fields)
    {
        writer.WriteStartObject();
        foreach (var field in fields)
        {
            writer.WritePropertyName(field.Key);
            WriteValue(writer, field.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case int i: writer.WriteNumberValue(i); break;
            case double x: writer.WriteNumberValue(x); break;
            case string[] items:
                writer.WriteStartArray();
                foreach (var item in items) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            case IEnumerable<DemoField> nested: WriteObject(writer, nested); break;
            default: throw new InvalidOperationException($"Demo field of unexpected type {value.GetType().Name}.");
        }
    }
}
