namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// How one source's feed maps onto products: each product field names a column (CSV, TSV) or a JSON path
/// (JSON Lines: dotted properties with array indexes, e.g. <c>offer.prices[0].amount</c>). Built in code
/// or read from a mapping file with <see cref="FromFile"/>, so no code knows any network's quirks.
/// </summary>
public sealed record FeedMapping
{
    /// <summary>Overrides the format the feed's extension implies.</summary>
    public FeedFormat? Format { get; init; }

    /// <summary>Field separator of a CSV feed (default ','); TSV always uses a tab.</summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// Column or JSON path per product field; <see cref="ProductField.ExternalId"/> is required.
    /// Empty: the identity names (see <see cref="Identity"/>).
    /// </summary>
    public IReadOnlyDictionary<ProductField, string> Fields { get; init; } = new Dictionary<ProductField, string>();

    /// <summary>
    /// Columns or JSON paths kept in the product's attributes (keyed by the name given here);
    /// <see langword="null"/> = every column (top-level key) not mapped to a field.
    /// </summary>
    public IReadOnlyList<string>? Attributes { get; init; }

    /// <summary>Separator of a category path given as a string ("A > B > C"; "/" for "A/B/C"). JSON arrays need none.</summary>
    public string CategorySeparator { get; init; } = ">";

    /// <summary>
    /// No mapping: id or external_id, title, description, brand, merchant, price, currency, image or image_url,
    /// category or category_path; every other column goes into the attributes.
    /// </summary>
    public static FeedMapping Identity { get; } = new();

    private static readonly Dictionary<ProductField, string[]> IdentityNames = new()
    {
        [ProductField.ExternalId] = ["id", "external_id"],
        [ProductField.Title] = ["title"],
        [ProductField.Description] = ["description"],
        [ProductField.Brand] = ["brand"],
        [ProductField.Merchant] = ["merchant"],
        [ProductField.Price] = ["price"],
        [ProductField.Currency] = ["currency"],
        [ProductField.Image] = ["image", "image_url"],
        [ProductField.CategoryPath] = ["category", "category_path"],
    };

    private static readonly Dictionary<string, ProductField> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["externalId"] = ProductField.ExternalId,
        ["id"] = ProductField.ExternalId,
        ["title"] = ProductField.Title,
        ["description"] = ProductField.Description,
        ["brand"] = ProductField.Brand,
        ["merchant"] = ProductField.Merchant,
        ["price"] = ProductField.Price,
        ["currency"] = ProductField.Currency,
        ["image"] = ProductField.Image,
        ["categoryPath"] = ProductField.CategoryPath,
    };

    /// <summary>The names a mapping file (or dataset.json's <c>fields</c>) uses for product fields.</summary>
    public static IReadOnlyCollection<string> FieldNamesAccepted => FieldNames.Keys;

    /// <summary>Reads a product field's name as mapping files spell it: externalId (or id), title, …, image, categoryPath.</summary>
    public static bool TryParseField(string name, out ProductField field) => FieldNames.TryGetValue(name, out field);

    /// <summary>Reads a format name as mapping files (and dataset.json) spell it: csv, tsv, jsonl (or ndjson).</summary>
    public static bool TryParseFormat(string name, out FeedFormat format)
    {
        format = name.ToLowerInvariant() switch
        {
            "csv" => FeedFormat.Csv,
            "tsv" => FeedFormat.Tsv,
            "jsonl" or "ndjson" or "jsonlines" => FeedFormat.JsonLines,
            _ => (FeedFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>Reads a mapping file; a bad one is a <see cref="UserFacingException"/> naming the file and the key.</summary>
    public static FeedMapping FromFile(string path) => FeedMappingFile.Read(path);

    /// <summary>The columns or paths tried, in order, for a field: one when mapped, the identity names when unmapped.</summary>
    internal IReadOnlyList<string> Candidates(ProductField field) =>
        Fields.Count == 0 ? IdentityNames[field]
        : Fields.TryGetValue(field, out var path) ? [path] : [];

    internal void Validate(string origin)
    {
        if (Fields.Count > 0 && !Fields.ContainsKey(ProductField.ExternalId))
            throw new UserFacingException($"{origin}: the mapping must map externalId (the product's id in the feed).");
        if (string.IsNullOrWhiteSpace(CategorySeparator))
            throw new UserFacingException($"{origin}: categorySeparator must not be blank.");
        if (Delimiter is '"' or '\n' or '\r')
            throw new UserFacingException($"{origin}: delimiter cannot be a quote or a line break.");
    }
}
