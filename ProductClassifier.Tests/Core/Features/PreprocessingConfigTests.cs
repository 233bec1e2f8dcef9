using ProductClassifier.Core;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.Features;

public sealed class PreprocessingConfigTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("pc-config-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Defaults_infer_a_representation_per_field_kind()
    {
        var products = TestProducts.Mixed(40).Select((p, i) => p with
        {
            Attributes = new Dictionary<string, System.Text.Json.JsonElement>(p.Attributes)
            {
                ["year"] = System.Text.Json.JsonSerializer.SerializeToElement((2010 + i % 4).ToString()),
                ["weight_g"] = System.Text.Json.JsonSerializer.SerializeToElement((100 + i * 3).ToString()),
                ["empty"] = System.Text.Json.JsonSerializer.SerializeToElement("NA"),
            },
        }).ToList();

        var columns = PreprocessingConfig.Defaults(products).Columns;

        string[] As(string column) => columns[column].As;
        Assert.Equal(["tfidf", "tokens"], As("title"));
        Assert.Equal(["tfidf", "tokens"], As("description"));
        Assert.Equal(["tfidf", "tokens", "onehot"], As("brand"));
        Assert.Equal(["numeric"], As("price"));
        Assert.Equal(["onehot"], As("colour"));      // short strings, few values
        Assert.Equal(["onehot"], As("year"));        // numeric strings, few values
        Assert.Equal(["numeric"], As("weight_g"));   // numeric strings, many values
        Assert.Equal(["khot"], As("tags"));          // comma-separated
        Assert.Equal(["khot"], As("sizes"));         // array
        Assert.Equal(["khot"], As("details"));       // object
        Assert.Equal(["numeric"], As("rating"));     // JSON numbers
        Assert.Equal(["tfidf", "tokens"], As("notes")); // long free text
        Assert.False(columns.ContainsKey("empty"));  // never has a value
        Assert.Equal(["title", "brand", "description", "price"], columns.Keys.Take(4));
    }

    [Fact]
    public void Listed_columns_win_over_inferred_ones_and_ignore_drops_a_column()
    {
        var config = new PreprocessingConfig { Columns = new() { ["colour"] = ColumnConfig.Of(Representation.KHot), ["notes"] = ColumnConfig.Of(Representation.Ignore) } };
        var products = TestProducts.Mixed(20);
        var fitted = FittedTransform.Fit(config, products);

        Assert.Equal(["khot"], fitted.Config.Columns["colour"].As);
        Assert.DoesNotContain(fitted.Fields(FeatureSet.TextTfIdf), f => f.Column == "notes");
        Assert.Contains(fitted.Fields(FeatureSet.TextTfIdf), f => f.Column == "title");
    }

    [Fact]
    public void Resolve_prefers_the_option_then_the_dataset_folder_then_the_checked_in_file_then_defaults()
    {
        var dataset = Directory.CreateDirectory(Path.Combine(root, "data", "somewhere")).FullName;
        File.WriteAllText(Path.Combine(dataset, "dataset.json"), """{"name": "shop", "products": "p.jsonl"}""");
        var checkedIn = Directory.CreateDirectory(Path.Combine(root, "project", "datasets", "shop")).FullName;
        var project = Path.Combine(root, "project");

        Assert.Equal("defaults", PreprocessingConfig.Resolve(null, dataset, projectRoot: project).Source);
        var checkedInFile = Write(Path.Combine(checkedIn, "preprocessing.json"), """{"tokens": {"maxTokens": 7}}""");
        Assert.Equal(checkedInFile, PreprocessingConfig.Resolve(null, dataset, projectRoot: project).Source);
        Assert.Equal(checkedInFile, PreprocessingConfig.Resolve(datasetName: "shop", projectRoot: project).Source);
        var beside = Write(Path.Combine(dataset, "preprocessing.json"), """{"tokens": {"maxTokens": 8}}""");
        Assert.Equal(8, PreprocessingConfig.Resolve(null, dataset, projectRoot: project).Tokens.MaxTokens);
        var option = Write(Path.Combine(root, "mine.json"), """{"tokens": {"maxTokens": 9}}""");
        var chosen = PreprocessingConfig.Resolve(option, dataset, projectRoot: project);
        Assert.Equal((option, 9), (chosen.Source, chosen.Tokens.MaxTokens));
        Assert.NotEqual(beside, chosen.Source);
    }

    [Fact]
    public void Bad_configs_are_reported_with_file_and_column()
    {
        var typo = Write(Path.Combine(root, "typo.json"), """{ "columns": { "gender": { "as": "onehto" } } }""");
        var unknownKey = Write(Path.Combine(root, "key.json"), "{\n \"columns\": {\n  \"brand\": { \"as\": \"onehot\", \"maxToken\": 5 } } }");
        var conflict = Write(Path.Combine(root, "both.json"), """{ "columns": { "tags": { "as": ["onehot", "khot"] } } }""");
        var range = Write(Path.Combine(root, "range.json"), """{ "tfidf": { "wordNgrams": 7 } }""");

        var e = Assert.Throws<UserFacingException>(() => PreprocessingConfig.Load(typo));
        Assert.Contains(typo, e.Message);
        Assert.Contains("column 'gender'", e.Message);
        Assert.Contains("onehto", e.Message);
        e = Assert.Throws<UserFacingException>(() => PreprocessingConfig.Load(unknownKey));
        Assert.Contains(unknownKey, e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("brand", e.Message);
        Assert.Contains("column 'tags'", Assert.Throws<UserFacingException>(() => PreprocessingConfig.Load(conflict)).Message);
        Assert.Contains("tfidf.wordNgrams", Assert.Throws<UserFacingException>(() => PreprocessingConfig.Load(range)).Message);
        Assert.Contains("missing.json", Assert.Throws<UserFacingException>(() => PreprocessingConfig.Resolve(Path.Combine(root, "missing.json"))).Message);
    }

    [Fact]
    public void Saved_config_loads_back_the_same()
    {
        var config = PreprocessingConfig.Defaults(TestProducts.Mixed(10));
        var path = Path.Combine(root, "saved.json");
        config.Save(path);
        var loaded = PreprocessingConfig.Load(path);

        Assert.Equal(config.ToJson(), loaded.ToJson());
    }

    [Theory]
    [InlineData("fashion-44k")]
    [InlineData("demo")]
    public void Checked_in_configs_are_valid(string dataset)
    {
        var path = Path.Combine(ProjectRoot.Find(), "datasets", dataset, PreprocessingConfig.FileName);
        var config = PreprocessingConfig.Load(path);

        Assert.Contains("title", config.Columns.Keys);
        Assert.Equal(path, PreprocessingConfig.Resolve(datasetName: dataset).Source);
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
