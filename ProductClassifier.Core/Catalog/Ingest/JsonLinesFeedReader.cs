using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>JSON Lines feeds: one object per line; the mapping's names are JSON paths into it.</summary>
internal sealed class JsonLinesFeedReader : FeedReader
{
    private readonly (ProductField Field, JsonPath[] Candidates)[] _fields;
    private readonly JsonPath[]? _attributes;
    private readonly ProductRowBuilder _builder;
    private readonly AttributeWriter _attributeWriter = new();
    private readonly List<string> _usedKeys = [];
    private readonly List<JsonProperty> _properties = [];

    public JsonLinesFeedReader(FileStream file, FeedMapping mapping) : base(file, mapping)
    {
        var where = $"Mapping for {FeedName}";
        _fields = [.. Enum.GetValues<ProductField>()
            .Select(f => (f, mapping.Candidates(f).Select(c => JsonPath.Parse(c, where)).ToArray()))
            .Where(f => f.Item2.Length > 0)];
        _attributes = mapping.Attributes?.Select(a => JsonPath.Parse(a, where)).OrderBy(p => p.Text, StringComparer.Ordinal).ToArray();
        _builder = new ProductRowBuilder(mapping.CategorySeparator);
    }

    protected override void ReadRecords(RecordBuffer buffer, List<FeedRow> rows)
    {
        while (buffer.Pending.Length > 0)
        {
            if (SkipOverlongLine(buffer, rows) || buffer.Pending.Length == 0) return;
            var pending = buffer.Pending;
            var lf = pending.Span.IndexOf((byte)'\n');
            if (lf < 0 && !buffer.AtEnd) return;
            var length = lf < 0 ? pending.Length : lf + 1;
            var end = lf < 0 ? pending.Length : lf;
            var record = pending[..(end > 0 && pending.Span[end - 1] == '\r' ? end - 1 : end)];
            if (!record.Span.ContainsAnyExcept(" \t"u8))
            {
                buffer.Consume(length);
                continue;
            }
            RecordsRead++;
            rows.Add(Map(record, buffer.Line));
            buffer.Consume(length);
        }
    }

    private FeedRow Map(ReadOnlyMemory<byte> record, long line)
    {
        var bytes = record.Span;
        if (TooLong(bytes, line) is { } tooLong) return tooLong;
        if (bytes.Contains((byte)0) || bytes.IndexOf("\\u0000"u8) >= 0)
            return FeedRow.Rejected(line, BadKey(record, '\0'), "bad encoding: NUL character", Excerpt(bytes));
        if (!Utf8.IsValid(bytes))
            return FeedRow.Rejected(line, BadKey(record, '\uFFFD'), "bad encoding: invalid UTF-8 bytes", Excerpt(bytes));
        JsonDocument document;
        try { document = JsonDocument.Parse(record); }
        catch (JsonException e)
        {
            return FeedRow.Rejected(line, "(record)", $"unparsable: not valid JSON ({e.Message.Split(" Path:")[0]})", Excerpt(bytes));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return FeedRow.Rejected(line, "(record)", $"unparsable: expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}", Excerpt(bytes));
            var product = Build(root, out var field, out var reason);
            return Outcome(product, line, field, reason, _builder.Id, bytes);
        }
    }

    private StagedProduct? Build(JsonElement root, out string field, out string reason)
    {
        _builder.Reset();
        _usedKeys.Clear();
        foreach (var (productField, candidates) in _fields)
        {
            foreach (var path in candidates)
            {
                if (!path.TryGet(root, out var value)) continue;
                if (path.IsTopLevel) _usedKeys.Add(path.Root);
                if (productField == ProductField.CategoryPath && value.ValueKind == JsonValueKind.Array)
                    _builder.SetCategoryNames([.. value.EnumerateArray().Select(Text)]);
                else _builder.Set(productField, Text(value));
                break;
            }
        }
        _attributeWriter.Begin();
        if (_attributes is not null)
        {
            foreach (var path in _attributes)
                if (path.TryGet(root, out var value)) _attributeWriter.Add(path.Text, value);
        }
        else
        {
            _properties.Clear();
            foreach (var property in root.EnumerateObject())
                if (!_usedKeys.Contains(property.Name)) _properties.Add(property);
            _properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var property in _properties) _attributeWriter.Add(property.Name, property.Value);
        }
        return _builder.Build(_attributeWriter.End(), out field, out reason);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    /// <summary>Names the top-level key whose value holds the bad character, for the reject file.</summary>
    private string BadKey(ReadOnlyMemory<byte> record, char bad)
    {
        try
        {
            var text = Encoding.UTF8.GetString(record.Span);
            using var document = JsonDocument.Parse(text);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.Value.GetRawText().Contains(bad) && !(bad == '\0' && property.Value.GetRawText().Contains("\\u0000"))) continue;
                var field = _fields.FirstOrDefault(f => f.Candidates.Any(c => c.Root == property.Name));
                return field.Candidates is null ? property.Name : ProductRowBuilder.NameOf(field.Field);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { }
        return "(record)";
    }
}
