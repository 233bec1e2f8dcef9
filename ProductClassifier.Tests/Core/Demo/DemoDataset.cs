using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProductClassifier.Tests.Core.Demo;

/// <summary>A generated demo folder read back independently of the generator, the way an importer would read it.</summary>
internal sealed record DemoDataset(string Folder, IReadOnlyList<DemoDataset.Row> Products, IReadOnlyList<DemoDataset.RuleRow> Rules)
{
    public sealed record Row(string Id, string Title, string? Description, string? Brand, decimal? Price, string? Image, string? Tags, string[] Path);

    public sealed record RuleRow(string Id, string Category, string Field, string[] Terms);

    /// <summary>Every node of the tree: the products' paths and all their prefixes.</summary>
    public HashSet<string> Tree => Products.SelectMany(p => Ancestry(p.Path)).ToHashSet();

    public static async Task<string[]> ReadProductLinesAsync(string folder)
    {
        await using var gzip = new GZipStream(File.OpenRead(Path.Combine(folder, "products.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<DemoDataset> LoadAsync(string folder)
    {
        var products = (await ReadProductLinesAsync(folder)).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var p = doc.RootElement;
            string? Text(string key) => p.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new Row(Text("id")!, Text("title")!, Text("description"), Text("brand"),
                p.TryGetProperty("price", out var price) ? price.GetDecimal() : null, Text("image"), Text("tags"),
                p.GetProperty("category_path").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }).ToList();
        using var rulesDoc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "rules.json")));
        var rules = rulesDoc.RootElement.EnumerateArray().Select(r => new RuleRow(r.GetProperty("id").GetString()!,
            r.GetProperty("category").GetString()!, r.GetProperty("field").GetString()!,
            r.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!).ToArray())).ToList();
        return new DemoDataset(folder, products, rules);
    }

    /// <summary>Micro-averaged precision and recall of the rules over all (product, node) pairs, ancestors included.</summary>
    public (double Precision, double Recall) EvaluateRules()
    {
        var matchers = Rules.Select(r => (Rule: r, Pattern: new Regex(
            @"(?<![\p{L}\p{N}])(" + string.Join('|', r.Terms.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))).ToList();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var product in Products)
        {
            var truth = Ancestry(product.Path).ToHashSet();
            var predicted = matchers.Where(m => m.Pattern.IsMatch(FieldText(product, m.Rule.Field)))
                .SelectMany(m => Ancestry(m.Rule.Category.Split(" > "))).ToHashSet();
            truePositives += predicted.Count(truth.Contains);
            falsePositives += predicted.Count(c => !truth.Contains(c));
            falseNegatives += truth.Count(c => !predicted.Contains(c));
        }
        return ((double)truePositives / (truePositives + falsePositives), (double)truePositives / (truePositives + falseNegatives));
    }

    private static string FieldText(Row p, string field) => field switch
    {
        "title" => p.Title,
        "description" => p.Description ?? "",
        "brand" => p.Brand ?? "",
        _ => string.Join(' ', p.Title, p.Description, p.Brand),
    };

    private static IEnumerable<string> Ancestry(string[] path) =>
        Enumerable.Range(1, path.Length).Select(n => string.Join(" > ", path.Take(n)));
}
