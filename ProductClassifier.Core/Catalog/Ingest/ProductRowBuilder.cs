using System.Text.Json;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Turns the raw strings a reader pulled out of one record into a <see cref="StagedProduct"/>, or says which
/// field is wrong and why. Shared by every feed layout, so a price or a category path reads the same everywhere.
/// </summary>
internal sealed class ProductRowBuilder(string categorySeparator)
{
    private static readonly int FieldCount = Enum.GetValues<ProductField>().Length;
    private readonly string?[] _values = new string?[FieldCount];
    private IReadOnlyList<string>? _categoryNames;

    /// <summary>camelCase name of a field, as mapping files and reject files spell it.</summary>
    public static string NameOf(ProductField field) => JsonNamingPolicy.CamelCase.ConvertName(field.ToString());

    public void Reset()
    {
        Array.Clear(_values);
        _categoryNames = null;
    }

    public void Set(ProductField field, string? value) => _values[(int)field] = value;

    /// <summary>A category path that came as a JSON array of names, root first.</summary>
    public void SetCategoryNames(IReadOnlyList<string> names) => _categoryNames = names;

    /// <summary>The id of the row last built, when it had one (also when the row was rejected).</summary>
    public string? Id { get; private set; }

    public StagedProduct? Build(string attributes, out string field, out string reason)
    {
        (field, reason) = ("", "");
        var id = Id = Clean(ProductField.ExternalId);
        if (id is null) return Fail(ProductField.ExternalId, "missing id", out field, out reason);
        decimal? price = null;
        string? priceCurrency = null;
        if (Clean(ProductField.Price) is { } priceText)
        {
            if (!PriceParser.TryParse(priceText, out var parsed, out priceCurrency, out var error))
                return Fail(ProductField.Price, $"bad price: {error}", out field, out reason);
            price = parsed;
        }
        var currency = Clean(ProductField.Currency)?.ToUpperInvariant() ?? priceCurrency;
        string? merchant = Clean(ProductField.Merchant), title = Clean(ProductField.Title), description = Clean(ProductField.Description),
            brand = Clean(ProductField.Brand), image = Clean(ProductField.Image), category = CategoryPath();
        return new StagedProduct(id, merchant, title, description, brand, price, currency, image, category, attributes,
            ContentHash.Of(id, merchant, title, description, brand, price, currency, image, category, attributes));
    }

    private string? CategoryPath()
    {
        IEnumerable<string>? names = _categoryNames;
        if (names is null && Clean(ProductField.CategoryPath) is { } text)
            names = text.StartsWith('[') && TryReadJsonArray(text) is { } array ? array : text.Split(categorySeparator);
        var path = names is null ? "" : string.Join(" > ", names.Select(n => n.Trim()).Where(n => n.Length > 0));
        return path.Length == 0 ? null : path;
    }

    private static List<string>? TryReadJsonArray(string text)
    {
        try { return JsonSerializer.Deserialize<List<string>>(text); }
        catch (JsonException) { return null; }
    }

    private string? Clean(ProductField field)
    {
        var value = _values[(int)field]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static StagedProduct? Fail(ProductField failed, string why, out string field, out string reason)
    {
        (field, reason) = (NameOf(failed), why);
        return null;
    }
}
