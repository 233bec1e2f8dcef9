using System.Text.Json;
using System.Text.Json.Serialization;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Features;

/// <summary>
/// How raw products become model inputs: per column (title, description, brand, price, any attribute key, or a key
/// inside an object attribute such as <c>article_attributes.Fit</c>) its representations, plus vocabulary, n-gram,
/// token and cleaning options. Columns not listed are inferred from the data unless <see cref="InferUnlisted"/> is
/// false; list a column as <c>ignore</c> to drop it.
/// </summary>
public sealed record PreprocessingConfig
{
    public const string FileName = "preprocessing.json";

    public CleaningOptions Cleaning { get; init; } = new();
    [JsonPropertyName("tfidf")] public TfIdfOptions TfIdf { get; init; } = new();
    public TokenOptions Tokens { get; init; } = new();
    public CategoricalOptions Categorical { get; init; } = new();
    public NumericOptions Numeric { get; init; } = new();

    /// <summary>Category values that mean "no value", compared after cleaning.</summary>
    public string[] MissingValues { get; init; } = ["", "na", "n/a", "null", "none", "nan", "-"];

    /// <summary>Infer a representation for every column the config does not list.</summary>
    public bool InferUnlisted { get; init; } = true;

    /// <summary>Columns in order; the order fixes block layouts and the order of fields in the token sequence.</summary>
    public OrderedDictionary<string, ColumnConfig> Columns { get; init; } = [];

    /// <summary>Where the config came from (a file path, or "defaults"), for messages.</summary>
    [JsonIgnore] public string Source { get; init; } = "defaults";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>
    /// The config for a run: <paramref name="configPath"/> (<c>--config FILE</c>) when given; else
    /// <c>preprocessing.json</c> beside the dataset's <c>dataset.json</c>; else the project's
    /// <c>datasets/&lt;dataset name&gt;/preprocessing.json</c>; else <see cref="Defaults"/> (columns inferred at fit time).
    /// </summary>
    /// <param name="datasetName">Dataset or catalogue name; read from <c>dataset.json</c> when omitted.</param>
    /// <param name="projectRoot">Checkout holding <c>datasets/</c>; <see cref="ProjectRoot.Find"/> when omitted.</param>
    public static PreprocessingConfig Resolve(string? configPath = null, string? datasetFolder = null, string? datasetName = null, string? projectRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(configPath))
        {
            var full = Path.GetFullPath(configPath);
            if (!File.Exists(full)) throw new UserFacingException($"--config {configPath}: file not found ({full}).");
            return Load(full);
        }
        if (!string.IsNullOrWhiteSpace(datasetFolder))
        {
            var beside = Path.Combine(Path.GetFullPath(datasetFolder), FileName);
            if (File.Exists(beside)) return Load(beside);
            datasetName ??= DatasetName(datasetFolder);
        }
        if (!string.IsNullOrWhiteSpace(datasetName) && datasetName.IndexOfAny(['/', '\\']) < 0 && datasetName is not ("." or ".."))
        {
            var checkedIn = Path.Combine(projectRoot ?? ProjectRoot.Find(), "datasets", datasetName, FileName);
            if (File.Exists(checkedIn)) return Load(checkedIn);
        }
        return Defaults();
    }

    /// <summary>
    /// Sensible defaults: without products, every column is inferred when the transform is fitted; with products,
    /// the inferred columns are listed (see <see cref="ColumnInference"/> for the rules).
    /// </summary>
    public static PreprocessingConfig Defaults(IReadOnlyList<ProductRecord>? products = null) =>
        products is null ? new PreprocessingConfig() : new PreprocessingConfig().WithInferredColumns(products);

    /// <summary>This config with an inferred entry appended for each unlisted column seen in <paramref name="products"/>.</summary>
    public PreprocessingConfig WithInferredColumns(IReadOnlyList<ProductRecord> products)
    {
        if (!InferUnlisted) return this;
        var columns = new OrderedDictionary<string, ColumnConfig>(Columns);
        foreach (var (name, column) in ColumnInference.Infer(products, this))
            columns.TryAdd(name, column);
        return this with { Columns = columns };
    }

    /// <summary>Reads and validates a config file; errors name the file, the line and the column.</summary>
    public static PreprocessingConfig Load(string path)
    {
        PreprocessingConfig? config;
        try { config = JsonSerializer.Deserialize<PreprocessingConfig>(File.ReadAllText(path), Json); }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, {e.Path}" : e.Path;
            throw new UserFacingException($"{path}: {where}: {Describe(e)}", e);
        }
        if (config is null) throw new UserFacingException($"{path}: the file holds null, expected a preprocessing config object.");
        config = config with { Source = path };
        config.Validate();
        return config;
    }

    public void Save(string path) => File.WriteAllText(path, ToJson());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Checks every option; a bad value is a <see cref="UserFacingException"/> naming the source and column.</summary>
    public void Validate()
    {
        Positive(TfIdf.TopK, "tfidf.topK"); Positive(TfIdf.MinCount, "tfidf.minCount"); Ngrams(TfIdf.WordNgrams, "tfidf.wordNgrams");
        if (TfIdf.CharNgrams is { } chars && (chars.Length != 2 || chars[0] < 1 || chars[1] < chars[0] || chars[1] > 8))
            Fail("tfidf.charNgrams", "must be [min, max] with 1 <= min <= max <= 8, or null");
        Positive(Tokens.TopK, "tokens.topK"); Positive(Tokens.MinCount, "tokens.minCount"); Positive(Tokens.MaxTokens, "tokens.maxTokens");
        Positive(Categorical.TopK, "categorical.topK"); Positive(Categorical.MinCount, "categorical.minCount");
        if (string.IsNullOrEmpty(Categorical.Separator)) Fail("categorical.separator", "must not be empty");
        Scaler(Numeric.Scaler, "numeric.scaler");
        foreach (var (name, column) in Columns)
        {
            var at = $"column '{name}'";
            if (string.IsNullOrWhiteSpace(name)) Fail("columns", "a column name is empty");
            if (column is null || column.As.Length == 0) Fail(at, "needs \"as\": one of onehot, khot, tfidf, tokens, numeric, ignore");
            foreach (var representation in column!.As)
                if (ColumnConfig.Parse(representation) is null)
                    Fail(at, $"unknown representation '{representation}' (expected onehot, khot, tfidf, tokens, numeric or ignore)");
            if (column.Has(Representation.Ignore) && column.As.Length > 1) Fail(at, "'ignore' cannot be combined with other representations");
            if (column.Has(Representation.OneHot) && column.Has(Representation.KHot)) Fail(at, "choose one of 'onehot' and 'khot'");
            if (column.Weight is <= 0 or float.NaN) Fail(at, "weight must be positive");
            if (column.TopK is { } k) Positive(k, $"{at}: topK");
            if (column.MinCount is { } m) Positive(m, $"{at}: minCount");
            if (column.MaxTokens is { } t) Positive(t, $"{at}: maxTokens");
            if (column.WordNgrams is { } n) Ngrams(n, $"{at}: wordNgrams");
            if (column.Separator is "") Fail(at, "separator must not be empty");
            if (column.Scaler is { } s) Scaler(s, $"{at}: scaler");
        }
    }

    private void Positive(int value, string what) { if (value < 1) Fail(what, $"must be at least 1 (is {value})"); }
    private void Ngrams(int value, string what) { if (value is < 1 or > 3) Fail(what, $"must be 1, 2 or 3 (is {value})"); }
    private void Scaler(string value, string what) { if (value is not ("standard" or "robust")) Fail(what, $"must be 'standard' or 'robust' (is '{value}')"); }
    private void Fail(string what, string message) => throw new UserFacingException($"{Source}: {what}: {message}.");

    /// <summary>The serializer's message in the config's terms rather than .NET type names.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message.Split(" Path:")[0];
        var option = e.Path?.Split('.').LastOrDefault()?.Trim('[', ']', '\'');
        if (message.Contains("could not be mapped")) return $"unknown option '{option}'";
        if (!message.Contains("could not be converted to")) return message;
        var type = message[(message.LastIndexOf(' ') + 1)..].TrimEnd('.');
        return type switch
        {
            "System.Int32" or "System.Nullable`1[System.Int32]" => "expected a whole number",
            "System.Single" or "System.Double" or "System.Nullable`1[System.Single]" => "expected a number",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "expected true or false",
            "System.String" => "expected a string",
            "System.Int32[]" => "expected an array of whole numbers or null",
            "System.String[]" => "expected an array of strings",
            _ => "expected an object here",
        };
    }

    private static string? DatasetName(string folder)
    {
        var descriptor = Path.Combine(Path.GetFullPath(folder), "dataset.json");
        if (!File.Exists(descriptor)) return Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(descriptor), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        }
        catch (JsonException) { return null; } // DatasetDescriptor.Load reports a broken dataset.json where it matters
    }
}
