using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Features;

/// <summary>
/// One column of a preprocessing config: its representations and any per-column overrides of the defaults.
/// In JSON: <c>"gender": { "as": "onehot" }</c> or <c>"title": { "as": ["tfidf", "tokens"], "weight": 1.0 }</c>.
/// </summary>
public sealed record ColumnConfig
{
    /// <summary><c>onehot</c>, <c>khot</c>, <c>tfidf</c>, <c>tokens</c>, <c>numeric</c> or <c>ignore</c>; one string or an array.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public string[] As { get; init; } = [];

    /// <summary>Weight of this column's tf-idf part in the combined text row (each part is L2-normalised first).</summary>
    public float? Weight { get; init; }

    /// <summary>Top-k vocabulary of this column's tf-idf or category values.</summary>
    public int? TopK { get; init; }
    public int? MinCount { get; init; }
    public int? WordNgrams { get; init; }

    /// <summary>Most tokens this column contributes to the shared token sequence.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Separator of multi-valued strings in a khot column.</summary>
    public string? Separator { get; init; }
    public string? Scaler { get; init; }
    public bool? Log { get; init; }

    /// <summary>The parsed <see cref="As"/>; call after <see cref="PreprocessingConfig.Validate"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<Representation> Representations => As.Select(a => Parse(a) ?? throw new InvalidOperationException($"Unknown representation '{a}'.")).ToArray();

    public bool Has(Representation representation) => Representations.Contains(representation);

    public static ColumnConfig Of(params Representation[] representations) => new() { As = representations.Select(Name).ToArray() };

    public static string Name(Representation representation) => representation.ToString().ToLowerInvariant();

    public static Representation? Parse(string name) =>
        name.Replace("-", "").Replace("_", "").ToLowerInvariant() switch
        {
            "onehot" => Representation.OneHot,
            "khot" or "multihot" => Representation.KHot,
            "tfidf" => Representation.TfIdf,
            "tokens" => Representation.Tokens,
            "numeric" => Representation.Numeric,
            "ignore" => Representation.Ignore,
            _ => null,
        };
}
