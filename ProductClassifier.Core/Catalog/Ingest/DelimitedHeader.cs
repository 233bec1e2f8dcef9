using System.Text.Unicode;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>A CSV/TSV header bound to a mapping: which column fills which product field and attribute.</summary>
internal sealed class DelimitedHeader
{
    private readonly string[] _labels;

    private DelimitedHeader(string[] names, (ProductField, int)[] fields, (string, int)[] attributes)
    {
        Names = names;
        Fields = fields;
        Attributes = attributes;
        _labels = [.. names];
        foreach (var (field, column) in fields) _labels[column] = ProductRowBuilder.NameOf(field);
    }

    public string[] Names { get; }
    public int Count => Names.Length;
    public (ProductField Field, int Column)[] Fields { get; }
    public (string Key, int Column)[] Attributes { get; }

    /// <summary>How a reject names a column: the product field it fills, else its own name.</summary>
    public string Label(int column) => column >= 0 && column < _labels.Length ? _labels[column] : "(row)";

    public static DelimitedHeader Read(DelimitedTokenizer tokenizer, ReadOnlySpan<byte> record, FeedMapping mapping, string where)
    {
        if (tokenizer.MalformedColumn >= 0 || !Utf8.IsValid(record))
            throw new UserFacingException($"{where}: the header row is not readable (bad quoting or invalid UTF-8).");
        var names = new string[tokenizer.Count];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = tokenizer.Text(record, i).Trim();
            if (!columns.TryAdd(names[i], i) && names[i].Length > 0) throw new UserFacingException($"{where}: the header names column '{names[i]}' twice.");
        }
        var ignoringCase = new Dictionary<string, int>(columns, StringComparer.OrdinalIgnoreCase);
        var fields = new List<(ProductField, int)>();
        foreach (var field in Enum.GetValues<ProductField>())
        {
            var candidates = mapping.Candidates(field);
            var column = candidates.Select(c => columns.TryGetValue(c, out var i) || ignoringCase.TryGetValue(c, out i) ? i : -1)
                .FirstOrDefault(i => i >= 0, -1);
            if (column >= 0) fields.Add((field, column));
            else if (mapping.Fields.ContainsKey(field))
                throw new UserFacingException($"{where}: the mapping maps {ProductRowBuilder.NameOf(field)} to column '{candidates[0]}', which the header lacks (columns: {string.Join(", ", names)}).");
            else if (field == ProductField.ExternalId)
                throw new UserFacingException($"{where}: no id column (looked for {string.Join(" or ", candidates)}); pass --mapping to name it (columns: {string.Join(", ", names)}).");
        }
        var mapped = fields.Select(f => f.Item2).ToHashSet();
        var attributes = mapping.Attributes is null
            ? Enumerable.Range(0, names.Length).Where(i => !mapped.Contains(i) && names[i].Length > 0).Select(i => (names[i], i))
            : mapping.Attributes.Select(a => (a, columns.TryGetValue(a, out var i) || ignoringCase.TryGetValue(a, out i) ? i
                : throw new UserFacingException($"{where}: the mapping lists attribute column '{a}', which the header lacks (columns: {string.Join(", ", names)}).")));
        return new DelimitedHeader(names, [.. fields], [.. attributes.OrderBy(a => a.Item1, StringComparer.Ordinal)]);
    }
}
