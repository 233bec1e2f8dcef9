using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProductClassifier.Core.Features;

/// <summary>
/// Reads one named column of a <see cref="ProductRecord"/>: the built-in fields, an attribute, or a key inside an
/// object attribute written with a dot (<c>article_attributes.Fit</c>).
/// </summary>
public static class ProductColumns
{
    public const string Title = "title";
    public const string Description = "description";
    public const string Brand = "brand";
    public const string Price = "price";

    public static readonly IReadOnlyList<string> BuiltIn = [Title, Brand, Description, Price];

    /// <summary>The column as one text (objects as "key value" pairs, arrays joined), or null when absent.</summary>
    public static string? Text(ProductRecord product, string column)
    {
        switch (column)
        {
            case Title: return product.Title;
            case Description: return product.Description;
            case Brand: return product.Brand;
            case Price: return product.Price?.ToString(CultureInfo.InvariantCulture);
        }
        if (!TryGet(product, column, out var element)) return null;
        if (element.ValueKind == JsonValueKind.String) return element.GetString();
        var builder = new StringBuilder();
        AppendText(element, builder);
        return builder.ToString();
    }

    /// <summary>The column as a number: JSON numbers and numeric strings; null when absent or not a number.</summary>
    public static double? Number(ProductRecord product, string column)
    {
        switch (column)
        {
            case Price: return product.Price;
            case Title or Description or Brand: return Parse(Text(product, column));
        }
        if (!TryGet(product, column, out var element)) return null;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.String => Parse(element.GetString()),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => null,
        };
    }

    /// <summary>
    /// Adds the column's raw category values: a scalar as one value (split on <paramref name="separator"/> when given),
    /// each element of an array, and (key, value) for each property of an object (nested keys joined with dots).
    /// </summary>
    public static void Values(ProductRecord product, string column, string? separator, List<(string? Key, string Value)> into)
    {
        if (column is Title or Description or Brand or Price) { Split(Text(product, column), separator, into); return; }
        if (TryGet(product, column, out var element)) AddValues(element, null, separator, into);
    }

    /// <summary>The attribute element for a column name, following dots into object attributes.</summary>
    public static bool TryGet(ProductRecord product, string column, out JsonElement element)
    {
        if (product.Attributes.TryGetValue(column, out element)) return Present(element);
        for (var dot = column.IndexOf('.'); dot > 0; dot = column.IndexOf('.', dot + 1))
            if (product.Attributes.TryGetValue(column[..dot], out var parent) && TryGetInside(parent, column[(dot + 1)..], out element))
                return true;
        element = default;
        return false;
    }

    private static bool TryGetInside(JsonElement parent, string path, out JsonElement element)
    {
        element = default;
        if (parent.ValueKind != JsonValueKind.Object) return false;
        if (parent.TryGetProperty(path, out element)) return Present(element);
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1))
            if (parent.TryGetProperty(path[..dot], out var child) && TryGetInside(child, path[(dot + 1)..], out element)) return true;
        return false;
    }

    private static bool Present(JsonElement element) => element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static void AddValues(JsonElement element, string? key, string? separator, List<(string? Key, string Value)> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    AddValues(property.Value, key is null ? property.Name : $"{key}.{property.Name}", separator, into);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) AddValues(item, key, null, into);
                break;
            case JsonValueKind.String:
                if (key is null) Split(element.GetString(), separator, into);
                else into.Add((key, element.GetString()!));
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                into.Add((key, element.GetRawText()));
                break;
        }
    }

    private static void Split(string? value, string? separator, List<(string? Key, string Value)> into)
    {
        if (value is null) return;
        if (separator is null || !value.Contains(separator, StringComparison.Ordinal)) { into.Add((null, value)); return; }
        foreach (var part in value.Split(separator)) into.Add((null, part));
    }

    private static void AppendText(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    builder.Append(property.Name).Append(' ');
                    AppendText(property.Value, builder);
                    builder.Append(". ");
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) { AppendText(item, builder); builder.Append(", "); }
                break;
            case JsonValueKind.String: builder.Append(element.GetString()); break;
            case JsonValueKind.Null or JsonValueKind.Undefined: break;
            default: builder.Append(element.GetRawText()); break;
        }
    }

    private static double? Parse(string? text) =>
        double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value : null;
}
