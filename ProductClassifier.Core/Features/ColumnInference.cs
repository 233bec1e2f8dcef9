using System.Globalization;
using System.Text.Json;

namespace ProductClassifier.Core.Features;

/// <summary>
/// Default representations per field kind, read off the data so any dataset folder trains without a config:
/// title and description → tf-idf + tokens; brand → tf-idf + tokens + one-hot; price → log-scaled numeric;
/// attributes: objects, arrays and separator-joined tags → k-hot; JSON numbers, and numeric strings with many
/// distinct values → numeric; long free text → tf-idf + tokens; other short strings and booleans → one-hot.
/// </summary>
public static class ColumnInference
{
    private const int DistinctCap = 5_000;

    public static IReadOnlyList<(string Column, ColumnConfig Config)> Infer(IReadOnlyList<ProductRecord> products, PreprocessingConfig config)
    {
        var columns = new List<(string, ColumnConfig)>();
        if (products.Any(p => !string.IsNullOrWhiteSpace(p.Title)))
            columns.Add((ProductColumns.Title, ColumnConfig.Of(Representation.TfIdf, Representation.Tokens) with { Weight = 1f, MaxTokens = 32 }));
        if (products.Any(p => !string.IsNullOrWhiteSpace(p.Brand)))
            columns.Add((ProductColumns.Brand, ColumnConfig.Of(Representation.TfIdf, Representation.Tokens, Representation.OneHot) with { Weight = 0.5f, MaxTokens = 8 }));
        if (products.Any(p => !string.IsNullOrWhiteSpace(p.Description)))
            columns.Add((ProductColumns.Description, ColumnConfig.Of(Representation.TfIdf, Representation.Tokens) with { Weight = 0.7f }));
        if (products.Any(p => p.Price is not null))
            columns.Add((ProductColumns.Price, ColumnConfig.Of(Representation.Numeric) with { Log = true }));

        var missing = new HashSet<string>(config.MissingValues, StringComparer.OrdinalIgnoreCase);
        var keys = products.SelectMany(p => p.Attributes.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (ProductColumns.BuiltIn.Contains(key)) continue;
            var stats = new Stats();
            foreach (var product in products)
                if (product.Attributes.TryGetValue(key, out var value)) stats.Add(value, missing, config.Categorical.Separator);
            if (stats.Present > 0) columns.Add((key, stats.Choose()));
        }
        return columns;
    }

    private sealed class Stats
    {
        private int objects, arrays, numbers, bools, strings, separated, numericStrings, words;
        private long length;
        private readonly HashSet<string> distinct = new(StringComparer.OrdinalIgnoreCase);

        public int Present => objects + arrays + numbers + bools + strings;

        public void Add(JsonElement value, HashSet<string> missing, string separator)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object: objects++; break;
                case JsonValueKind.Array: arrays++; break;
                case JsonValueKind.Number: numbers++; break;
                case JsonValueKind.True or JsonValueKind.False: bools++; break;
                case JsonValueKind.String:
                    var text = value.GetString()!.Trim();
                    if (missing.Contains(text)) break;
                    strings++;
                    length += text.Length;
                    words += text.Count(c => c == ' ') + 1;
                    if (text.Contains(separator, StringComparison.Ordinal)) separated++;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) numericStrings++;
                    if (distinct.Count < DistinctCap) distinct.Add(text);
                    break;
            }
        }

        public ColumnConfig Choose()
        {
            var half = Present / 2.0;
            if (objects >= half || arrays >= half) return ColumnConfig.Of(Representation.KHot);
            if (numbers >= half) return ColumnConfig.Of(Representation.Numeric);
            if (bools >= half) return ColumnConfig.Of(Representation.OneHot);
            if (strings == 0) return ColumnConfig.Of(Representation.Ignore);
            if ((double)words / strings >= 5 || (double)length / strings >= 40)
                return ColumnConfig.Of(Representation.TfIdf, Representation.Tokens) with { Weight = 0.5f, MaxTokens = 32 };
            if (numericStrings >= 0.95 * strings && distinct.Count > 20) return ColumnConfig.Of(Representation.Numeric);
            if (separated >= 0.05 * strings) return ColumnConfig.Of(Representation.KHot);
            return ColumnConfig.Of(Representation.OneHot);
        }
    }
}
