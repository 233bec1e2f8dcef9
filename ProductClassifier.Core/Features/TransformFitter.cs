namespace ProductClassifier.Core.Features;

/// <summary>
/// Learns vocabularies, idf weights, category values and scalers from training products; counts chunks of products
/// in parallel and merges them so the result does not depend on the number of cores.
/// </summary>
internal static class TransformFitter
{
    public static FittedTransformState Fit(PreprocessingConfig config, IReadOnlyList<ProductRecord> train, int ruleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ruleCount);
        config = config.WithInferredColumns(train);
        config.Validate();
        var columns = ColumnPlan.Of(config);
        var chunks = Partitions.Of(train.Count, Environment.ProcessorCount).Select(r => new ChunkCounts(r, columns)).ToArray();
        Parallel.ForEach(chunks, chunk => chunk.Count(train, config, columns));

        var tfidf = new List<TfIdfColumn>();
        var categories = new List<CategoryColumn>();
        var numerics = new List<NumericColumn>();
        for (var c = 0; c < columns.Length; c++)
        {
            var (name, column) = (columns[c].Name, columns[c].Config);
            if (columns[c].TfIdf)
            {
                var (terms, counts) = TermCounter.Select(chunks.Select(k => k.TfIdf[c]!), column.TopK ?? config.TfIdf.TopK, column.MinCount ?? config.TfIdf.MinCount);
                tfidf.Add(new TfIdfColumn(name, terms, TfIdfColumn.IdfOf(counts, train.Count), column.Weight ?? 1f,
                    column.WordNgrams ?? config.TfIdf.WordNgrams, config.TfIdf.CharNgrams, config.TfIdf.SublinearTf));
            }
            if (columns[c].Separator is { } separator)
            {
                var (values, _) = TermCounter.Select(chunks.Select(k => k.Categories[c]!), column.TopK ?? config.Categorical.TopK, column.MinCount ?? config.Categorical.MinCount);
                categories.Add(new CategoryColumn(name, separator.Length == 0 ? null : separator, values));
            }
            if (columns[c].Numeric)
                numerics.Add(NumericColumn.Fit(name, column.Log ?? config.Numeric.Log, column.Scaler ?? config.Numeric.Scaler,
                    chunks.SelectMany(k => k.Numbers[c]!).ToList()));
        }
        TokenVocabulary? tokens = null;
        if (columns.Any(c => c.Tokens))
            tokens = new TokenVocabulary(TermCounter.Select(chunks.Select(k => k.Tokens), config.Tokens.TopK, config.Tokens.MinCount).Terms);
        return new FittedTransformState(FittedTransformState.CurrentFormat, config, ruleCount, train.Count, [.. tfidf], tokens, [.. categories], [.. numerics]);
    }

    /// <summary>A used column: its config, its representations resolved once, and for category columns the separator ("" for one-hot).</summary>
    internal sealed record ColumnPlan(string Name, ColumnConfig Config, string? Separator, int MaxTokens)
    {
        public bool TfIdf { get; } = Config.Has(Representation.TfIdf);
        public bool Tokens { get; } = Config.Has(Representation.Tokens);
        public bool Numeric { get; } = Config.Has(Representation.Numeric);
        public bool NeedsText => TfIdf || Tokens;

        public static ColumnPlan[] Of(PreprocessingConfig config) =>
            config.Columns.Where(c => !c.Value.Has(Representation.Ignore)).Select(c => new ColumnPlan(c.Key, c.Value,
                c.Value.Has(Representation.KHot) ? c.Value.Separator ?? config.Categorical.Separator : c.Value.Has(Representation.OneHot) ? "" : null,
                Math.Min(c.Value.MaxTokens ?? int.MaxValue, config.Tokens.MaxTokens))).ToArray();
    }

    private sealed class ChunkCounts((int Start, int End) range, ColumnPlan[] columns)
    {
        public TermCounter?[] TfIdf { get; } = columns.Select(c => c.TfIdf ? new TermCounter() : null).ToArray();
        public TermCounter?[] Categories { get; } = columns.Select(c => c.Separator is null ? null : new TermCounter()).ToArray();
        public List<double>?[] Numbers { get; } = columns.Select(c => c.Numeric ? new List<double>() : null).ToArray();
        public TermCounter Tokens { get; } = new();

        public void Count(IReadOnlyList<ProductRecord> products, PreprocessingConfig config, ColumnPlan[] plans)
        {
            var missing = new HashSet<string>(config.MissingValues, StringComparer.OrdinalIgnoreCase);
            var words = new List<(int Start, int Length)>();
            var scratch = TextTerms.Scratch();
            var raw = new List<(string? Key, string Value)>();
            var keys = new List<string>();
            for (var p = range.Start; p < range.End; p++)
            {
                var product = products[p];
                Tokens.NextDocument();
                for (var c = 0; c < plans.Length; c++)
                {
                    var plan = plans[c];
                    if (plan.NeedsText)
                    {
                        var text = TextCleaner.Clean(ProductColumns.Text(product, plan.Name), config.Cleaning);
                        TextTerms.Words(text, words);
                        if (TfIdf[c] is { } counter)
                        {
                            counter.NextDocument();
                            var sink = new TermCounter.Sink(counter);
                            TextTerms.Visit(text, words, plan.Config.WordNgrams ?? config.TfIdf.WordNgrams, config.TfIdf.CharNgrams, scratch, ref sink);
                        }
                        if (plan.Tokens)
                            for (var w = 0; w < words.Count && w < plan.MaxTokens; w++) Tokens.Add(text.AsSpan(words[w].Start, words[w].Length));
                    }
                    if (Categories[c] is { } values)
                    {
                        values.NextDocument();
                        CategoryColumn.Keys(product, plan.Name, plan.Separator is "" ? null : plan.Separator, config, missing, raw, keys);
                        foreach (var key in keys) values.Add(key);
                    }
                    if (Numbers[c] is { } numbers && ProductColumns.Number(product, plan.Name) is { } number && double.IsFinite(number))
                        numbers.Add(number);
                }
            }
        }
    }
}
