using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.Features;

public sealed class FittedTransformTests
{
    private static PreprocessingConfig Only(string column, ColumnConfig config, Func<PreprocessingConfig, PreprocessingConfig>? tweak = null)
    {
        var result = new PreprocessingConfig { InferUnlisted = false, Columns = new() { [column] = config } };
        return tweak is null ? result : tweak(result);
    }

    [Fact]
    public void Round_trip_after_save_and_load_gives_identical_features()
    {
        var train = TestProducts.Mixed(60);
        var fitted = FittedTransform.Fit(PreprocessingConfig.Defaults() with { TfIdf = new TfIdfOptions { CharNgrams = [2, 4] } }, train, ruleCount: 8);
        var path = Path.GetTempFileName();
        try
        {
            fitted.Save(path);
            var loaded = FittedTransform.Load(path);
            var unseen = TestProducts.Mixed(90).Skip(40).Append(TestProducts.Make(999, "Ｆｕｌｌ width unknown words", brand: "Nobody", attributesJson: """{"colour": "teal"}""")).ToList();

            FeatureSetAssert.Identical(fitted.Transform(unseen), loaded.Transform(unseen));
            Assert.Equal(fitted.Config.Columns.Keys, loaded.Config.Columns.Keys);
            Assert.Equal(8, loaded.RuleCount);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Fills_every_block_from_a_mixed_catalogue()
    {
        var products = TestProducts.Mixed(40);
        var set = FittedTransform.Fit(PreprocessingConfig.Defaults(), products, ruleCount: 8).Transform(products);

        Assert.Equal(40, set.Count);
        Assert.All(new[] { FeatureSet.TextTfIdf, FeatureSet.Categorical, FeatureSet.Rules }, b => Assert.Equal(40, set.Sparse[b].Count));
        Assert.Equal(40, set.Dense[FeatureSet.Numeric].Count);
        Assert.Equal(40, set.Tokens[FeatureSet.TextTokens].Length);
        Assert.True(set.TokenVocabularySizes[FeatureSet.TextTokens] > 2);
    }

    [Fact]
    public void Tfidf_rows_have_unit_length()
    {
        var products = TestProducts.Mixed(30);
        var rows = FittedTransform.Fit(PreprocessingConfig.Defaults(), products).Transform(products).Sparse[FeatureSet.TextTfIdf];

        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(1.0, Math.Sqrt(rows.RowValues(r).ToArray().Sum(v => (double)v * v)), 5);
            Assert.True(rows.RowIndices(r).ToArray().SequenceEqual(rows.RowIndices(r).ToArray().Order()));
        }
    }

    [Fact]
    public void Top_k_keeps_the_most_frequent_terms_and_min_count_drops_rare_ones()
    {
        string[] titles = ["alpha", "alpha beta", "alpha beta gamma", "alpha beta gamma delta", "alpha beta gamma delta omega"];
        var products = titles.Select((t, i) => TestProducts.Make(i, t)).ToList();
        var topThree = Only("title", ColumnConfig.Of(Representation.TfIdf), c => c with { TfIdf = new TfIdfOptions { TopK = 3, MinCount = 1, WordNgrams = 1 } });
        var minThree = Only("title", ColumnConfig.Of(Representation.TfIdf) with { MinCount = 3 }, c => c with { TfIdf = new TfIdfOptions { WordNgrams = 1 } });

        var fitted = FittedTransform.Fit(topThree, products);
        var rows = fitted.Transform([TestProducts.Make(9, "Alpha"), TestProducts.Make(10, "delta omega"), TestProducts.Make(11, "gamma")]).Sparse[FeatureSet.TextTfIdf];

        Assert.Equal(3, rows.Columns);
        Assert.Equal([0], rows.RowIndices(0).ToArray()); // alpha is the most frequent
        Assert.Empty(rows.RowIndices(1).ToArray());     // delta and omega fell outside the top 3
        Assert.Equal([2], rows.RowIndices(2).ToArray());
        Assert.Equal(3, FittedTransform.Fit(minThree, products).Fields(FeatureSet.TextTfIdf).Single().Width);
    }

    [Fact]
    public void Numeric_columns_are_standardised_with_a_missing_indicator()
    {
        var products = new[] { 10.0, 20.0, 30.0, (double?)null }.Select((p, i) => TestProducts.Make(i, price: p)).ToList();
        var numeric = FittedTransform.Fit(Only("price", ColumnConfig.Of(Representation.Numeric)), products).Transform(products).Dense[FeatureSet.Numeric];

        var std = Math.Sqrt(200.0 / 3);
        Assert.Equal(2, numeric.Columns);
        Assert.Equal(-10 / std, numeric.Row(0)[0], 5);
        Assert.Equal(0f, numeric.Row(0)[1]);
        Assert.Equal(0f, numeric.Row(1)[0], 5);
        Assert.Equal([0f, 1f], numeric.Row(3).ToArray());
    }

    [Fact]
    public void Robust_log_scaler_centres_on_the_median()
    {
        var products = new[] { 1.0, 10.0, 100.0, 1000.0, 10000.0 }.Select((p, i) => TestProducts.Make(i, price: p)).ToList();
        var config = Only("price", ColumnConfig.Of(Representation.Numeric) with { Log = true, Scaler = "robust" });
        var numeric = FittedTransform.Fit(config, products).Transform(products).Dense[FeatureSet.Numeric];

        Assert.Equal(0f, numeric.Row(2)[0], 5);
        Assert.True(numeric.Row(0)[0] < numeric.Row(1)[0] && numeric.Row(3)[0] < numeric.Row(4)[0]);
    }

    [Fact]
    public void Tokens_reserve_padding_and_unknown_and_respect_the_caps()
    {
        var products = new[] { "red shirt", "red dress", "red shirt long" }.Select((t, i) => TestProducts.Make(i, t, "extra")).ToList();
        var config = new PreprocessingConfig
        {
            InferUnlisted = false,
            Tokens = new TokenOptions { TopK = 2, MinCount = 1, MaxTokens = 4 },
            Columns = new() { ["title"] = ColumnConfig.Of(Representation.Tokens) with { MaxTokens = 2 }, ["description"] = ColumnConfig.Of(Representation.Tokens) },
        };
        var set = FittedTransform.Fit(config, products).Transform([TestProducts.Make(5, "red zebra shirt", "extra extra extra extra")]);

        // Vocabulary: 0 padding, 1 unknown, 2 "extra", 3 "red" (both in 3 products; "shirt" in 2 falls outside the top 2).
        Assert.Equal(4, set.TokenVocabularySizes[FeatureSet.TextTokens]);
        // Title capped at 2 tokens (red, zebra = unknown), then the description fills the sequence up to 4.
        Assert.Equal([3, 1, 2, 2], set.Tokens[FeatureSet.TextTokens][0]);
    }

    [Fact]
    public void Category_columns_one_hot_k_hot_and_other()
    {
        var products = Enumerable.Range(0, 6).Select(i => TestProducts.Make(i, attributesJson:
            $$$"""{"colour": "{{{(i < 4 ? "Red" : "Blue")}}}", "tags": "sale, new", "details": {"Fit": "Slim", "Fabric": "NA"}}""")).ToList();
        var config = new PreprocessingConfig
        {
            InferUnlisted = false,
            Categorical = new CategoricalOptions { MinCount = 3 },
            Columns = new()
            {
                ["colour"] = ColumnConfig.Of(Representation.OneHot),
                ["tags"] = ColumnConfig.Of(Representation.KHot),
                ["details"] = ColumnConfig.Of(Representation.KHot),
                ["details.Fit"] = ColumnConfig.Of(Representation.OneHot),
            },
        };
        var fitted = FittedTransform.Fit(config, products);
        var rows = fitted.Transform([products[0], products[5], TestProducts.Make(9, attributesJson: """{"colour": "red ", "tags": "new"}""")]).Sparse[FeatureSet.Categorical];

        var widths = fitted.Fields(FeatureSet.Categorical).ToDictionary(f => f.Column, f => f.Width);
        Assert.Equal(2, widths["colour"]);      // "red" (4 products) and other; "blue" (2) is below min count
        Assert.Equal(3, widths["tags"]);        // "new", "sale", other
        Assert.Equal(2, widths["details"]);     // "fit=slim", other; "NA" is a missing value
        Assert.Equal(2, widths["details.Fit"]);
        Assert.Equal([0, 2, 3, 5, 7], rows.RowIndices(0).ToArray());
        Assert.Equal([1, 2, 3, 5, 7], rows.RowIndices(1).ToArray()); // blue → colour's other slot
        Assert.Equal([0, 2], rows.RowIndices(2).ToArray());          // cleaned "red " matches; no details
        Assert.All(rows.Values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Rules_block_is_k_hot_over_fired_rules()
    {
        var products = new[] { TestProducts.Make(0, "a", firedRules: [3, 1, 3]), TestProducts.Make(1, "b"), TestProducts.Make(2, "c", firedRules: [9]) };
        var rules = FittedTransform.Fit(PreprocessingConfig.Defaults(), products, ruleCount: 4).Transform(products).Sparse[FeatureSet.Rules];

        Assert.Equal(4, rules.Columns);
        Assert.Equal([1, 3], rules.RowIndices(0).ToArray());
        Assert.Empty(rules.RowIndices(1).ToArray());
        Assert.Empty(rules.RowIndices(2).ToArray()); // rule 9 came after fitting
    }

    [Fact]
    public void Transforms_no_products_and_fits_on_none()
    {
        var fitted = FittedTransform.Fit(PreprocessingConfig.Defaults(), [], ruleCount: 2);
        var set = fitted.Transform([]);

        Assert.Equal(0, set.Count);
        Assert.Equal(0, set.Sparse[FeatureSet.Rules].Count);
    }
}
