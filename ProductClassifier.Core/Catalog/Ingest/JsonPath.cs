using System.Text.Json;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>A dotted path into a JSON record: <c>offer.price.amount</c>, <c>images[0]</c>, <c>offers[1].seller.name</c>.</summary>
internal sealed class JsonPath
{
    private readonly (string? Property, int Index)[] _steps;

    private JsonPath(string text, (string?, int)[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>The top-level key the path starts with.</summary>
    public string Root => _steps[0].Property ?? "";

    public bool IsTopLevel => _steps.Length == 1 && _steps[0].Property is not null;

    public static JsonPath Parse(string text, string where)
    {
        var steps = new List<(string?, int)>();
        foreach (var part in text.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0) steps.Add((name, -1));
            else if (bracket != 0 || steps.Count == 0 && bracket < 0) throw Bad(text, where);
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']');
                if (rest[0] != '[' || close < 0 || !int.TryParse(rest.AsSpan(1, close - 1), out var index) || index < 0)
                    throw Bad(text, where);
                steps.Add((null, index));
                rest = rest[(close + 1)..];
            }
        }
        if (steps.Count == 0) throw Bad(text, where);
        return new JsonPath(text, [.. steps]);
    }

    /// <summary>The value at the path, or <see langword="false"/> when any step is missing (or null).</summary>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var (property, index) in _steps)
        {
            if (property is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(property, out value)) return false;
            }
            else if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength()) return false;
            else value = value[index];
        }
        return value.ValueKind != JsonValueKind.Null;
    }

    private static UserFacingException Bad(string text, string where) =>
        new($"{where}: \"{text}\" is not a JSON path (expected names joined by dots, with [n] indexes, e.g. offer.prices[0].amount).");
}
