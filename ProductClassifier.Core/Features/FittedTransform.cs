using System.Text.Json;

namespace ProductClassifier.Core.Features;

/// <summary>
/// A preprocessing config fitted on training products: maps raw products to a <see cref="FeatureSet"/>
/// (<c>text.tfidf</c>, <c>text.tokens</c>, <c>categorical</c>, <c>numeric</c>, <c>rules</c>; blocks with no columns
/// are left out). Saved with each model version so inference maps products exactly as training did.
/// </summary>
public sealed class FittedTransform
{
    private readonly FittedTransformState state;
    private readonly Plan[] plans;
    private readonly HashSet<string> missing;
    private readonly int tfidfWidth, categoricalWidth, numericWidth;

    private FittedTransform(FittedTransformState state)
    {
        this.state = state;
        missing = new HashSet<string>(state.Config.MissingValues, StringComparer.OrdinalIgnoreCase);
        var tfidf = state.TfIdf.ToDictionary(c => c.Column);
        var categories = state.Categories.ToDictionary(c => c.Column);
        var numerics = state.Numerics.ToDictionary(c => c.Column);
        var list = new List<Plan>();
        foreach (var column in TransformFitter.ColumnPlan.Of(state.Config))
        {
            var plan = new Plan(column, tfidf.GetValueOrDefault(column.Name), tfidfWidth, column.Tokens ? column.MaxTokens : 0,
                categories.GetValueOrDefault(column.Name), categoricalWidth, numerics.GetValueOrDefault(column.Name), numericWidth);
            tfidfWidth += plan.TfIdf?.Count ?? 0;
            categoricalWidth += plan.Category?.Width ?? 0;
            numericWidth += plan.Numeric is null ? 0 : 2;
            list.Add(plan);
        }
        plans = [.. list];
    }

    /// <summary>The config with every used column listed (inferred ones included).</summary>
    public PreprocessingConfig Config => state.Config;
    public int RuleCount => state.RuleCount;

    /// <summary>Learns vocabularies (top-k), idf weights, category values and scalers from <paramref name="train"/>.</summary>
    /// <param name="ruleCount">Number of rules of the catalogue: the width of the <c>rules</c> block.</param>
    public static FittedTransform Fit(PreprocessingConfig config, IReadOnlyList<ProductRecord> train, int ruleCount = 0) =>
        new(TransformFitter.Fit(config, train, ruleCount));

    /// <summary>Where each product column lies in a block: <c>text.tfidf</c>, <c>categorical</c> or <c>numeric</c>
    /// (numeric columns are (value, missing) pairs).</summary>
    public IReadOnlyList<BlockField> Fields(string block) => block switch
    {
        FeatureSet.TextTfIdf => plans.Where(p => p.TfIdf is not null).Select(p => new BlockField(p.Column.Name, p.TfIdfOffset, p.TfIdf!.Count)).ToArray(),
        FeatureSet.Categorical => plans.Where(p => p.Category is not null).Select(p => new BlockField(p.Column.Name, p.CategoryOffset, p.Category!.Width)).ToArray(),
        FeatureSet.Numeric => plans.Where(p => p.Numeric is not null).Select(p => new BlockField(p.Column.Name, p.NumericOffset, 2)).ToArray(),
        _ => [],
    };

    /// <summary>Maps products to model inputs, in parallel over chunks of products; row i belongs to products[i].</summary>
    public FeatureSet Transform(IReadOnlyList<ProductRecord> products)
    {
        var ranges = Partitions.Of(products.Count, Environment.ProcessorCount * 4);
        var text = ranges.Select(_ => new SparseBuilder()).ToArray();
        var categorical = ranges.Select(_ => new SparseBuilder()).ToArray();
        var rules = ranges.Select(_ => new SparseBuilder()).ToArray();
        var tokens = new int[products.Count][];
        var numeric = new float[products.Count * numericWidth];
        Parallel.For(0, ranges.Length, r =>
        {
            var workspace = new Workspace(state.TfIdf.Length == 0 ? 0 : state.TfIdf.Max(c => c.Count));
            for (var i = ranges[r].Start; i < ranges[r].End; i++)
                Encode(products[i], workspace, text[r], categorical[r], rules[r], out tokens[i], numeric.AsSpan(i * numericWidth, numericWidth));
        });

        var set = new FeatureSet(products.Count);
        if (tfidfWidth > 0) set.Sparse[FeatureSet.TextTfIdf] = SparseBuilder.Join(tfidfWidth, text);
        if (state.Tokens is { } vocabulary)
        {
            set.Tokens[FeatureSet.TextTokens] = tokens;
            set.TokenVocabularySizes[FeatureSet.TextTokens] = vocabulary.Size;
        }
        if (categoricalWidth > 0) set.Sparse[FeatureSet.Categorical] = SparseBuilder.Join(categoricalWidth, categorical);
        if (numericWidth > 0) set.Dense[FeatureSet.Numeric] = new DenseRows(numericWidth, numeric);
        if (state.RuleCount > 0) set.Sparse[FeatureSet.Rules] = SparseBuilder.Join(state.RuleCount, rules);
        return set;
    }

    private void Encode(ProductRecord product, Workspace workspace, SparseBuilder text, SparseBuilder categorical, SparseBuilder rules,
        out int[] tokens, Span<float> numeric)
    {
        var config = state.Config;
        var tokenIds = workspace.TokenIds;
        tokenIds.Clear();
        foreach (var plan in plans)
        {
            if (plan.Column.NeedsText)
            {
                var cleaned = TextCleaner.Clean(ProductColumns.Text(product, plan.Column.Name), config.Cleaning);
                plan.TfIdf?.Encode(cleaned, plan.TfIdfOffset, workspace.TfIdf, text);
                var room = Math.Min(plan.MaxTokens, config.Tokens.MaxTokens - tokenIds.Count);
                if (room > 0) state.Tokens!.Encode(cleaned, room, workspace.TfIdf.Words, tokenIds);
            }
            if (plan.Category is { } category)
            {
                CategoryColumn.Keys(product, plan.Column.Name, category.Separator, config, missing, workspace.Raw, workspace.Keys);
                category.Encode(workspace.Keys, plan.CategoryOffset, workspace.Indices, categorical);
            }
            plan.Numeric?.Encode(ProductColumns.Number(product, plan.Column.Name), numeric.Slice(plan.NumericOffset, 2));
        }
        var squared = text.RowSquaredNorm();
        if (squared > 0) text.ScaleRow(1f / MathF.Sqrt(squared));
        text.EndRow();
        categorical.EndRow();
        tokens = [.. tokenIds];

        // Rules added to the catalogue after fitting have no column in this transform.
        var fired = workspace.Indices;
        fired.Clear();
        foreach (var rule in product.FiredRules)
            if (rule >= 0 && rule < state.RuleCount && !fired.Contains(rule)) fired.Add(rule);
        fired.Sort();
        foreach (var rule in fired) rules.Add(rule, 1f);
        rules.EndRow();
    }

    private static readonly JsonSerializerOptions Json = new(PreprocessingConfig.Json) { WriteIndented = false };

    /// <summary>Writes the fitted state (config, vocabularies, idf, category values, scalers) as JSON.</summary>
    public void Save(string path) => File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(state, Json));

    public static FittedTransform Load(string path)
    {
        FittedTransformState? state;
        try { state = JsonSerializer.Deserialize<FittedTransformState>(File.ReadAllBytes(path), Json); }
        catch (JsonException e) { throw new UserFacingException($"{path}: not a fitted transform ({e.Message})", e); }
        if (state is null || state.FormatVersion != FittedTransformState.CurrentFormat)
            throw new UserFacingException($"{path}: unsupported fitted transform format {state?.FormatVersion}; expected {FittedTransformState.CurrentFormat}.");
        return new FittedTransform(state with { Config = state.Config with { Source = path } });
    }

    private sealed record Plan(TransformFitter.ColumnPlan Column, TfIdfColumn? TfIdf, int TfIdfOffset, int MaxTokens,
        CategoryColumn? Category, int CategoryOffset, NumericColumn? Numeric, int NumericOffset);

    private sealed class Workspace(int largestVocabulary)
    {
        public TfIdfColumn.Workspace TfIdf { get; } = new(largestVocabulary);
        public List<int> TokenIds { get; } = [];
        public List<int> Indices { get; } = [];
        public List<(string? Key, string Value)> Raw { get; } = [];
        public List<string> Keys { get; } = [];
    }
}
