using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Features;

/// <summary>
/// A fitted one-hot or k-hot column: its kept values, then one "other" slot for values outside them.
/// Object attributes give <c>key=value</c> values; <see cref="Separator"/> splits tag strings (null for one-hot).
/// </summary>
internal sealed record CategoryColumn(string Column, string? Separator, string[] Values)
{
    private readonly Dictionary<string, int> index = Values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);

    /// <summary>Columns in the categorical block: the values and "other".</summary>
    [JsonIgnore] public int Width => Values.Length + 1;

    /// <summary>The product's cleaned, de-duplicated values (missing values left out), in first-seen order.</summary>
    public static void Keys(ProductRecord product, string column, string? separator, PreprocessingConfig config,
        HashSet<string> missing, List<(string? Key, string Value)> raw, List<string> into)
    {
        raw.Clear();
        into.Clear();
        ProductColumns.Values(product, column, separator, raw);
        foreach (var (key, value) in raw)
        {
            var cleaned = TextCleaner.Clean(value, config.Cleaning).Trim();
            if (missing.Contains(cleaned)) continue;
            var full = key is null ? cleaned : $"{TextCleaner.Clean(key, config.Cleaning).Trim()}={cleaned}";
            if (!into.Contains(full)) into.Add(full);
        }
    }

    /// <summary>Appends a 1 for each key at <paramref name="offset"/>; keys outside the vocabulary share the "other" slot.</summary>
    public void Encode(List<string> keys, int offset, List<int> scratch, SparseBuilder row)
    {
        scratch.Clear();
        foreach (var key in keys)
        {
            var i = index.TryGetValue(key, out var found) ? found : Values.Length;
            if (!scratch.Contains(i)) scratch.Add(i);
        }
        scratch.Sort();
        foreach (var i in scratch) row.Add(offset + i, 1f);
    }
}
