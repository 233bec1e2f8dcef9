using ProductClassifier.Core;
using ProductClassifier.Core.Rules;

namespace ProductClassifier.Tests.Core.Rules;

public sealed class RuleFileTests
{
    private static UserFacingException Rejects(string json) =>
        Assert.Throws<UserFacingException>(() => RuleFile.Parse(json, "rules.json"));

    [Fact]
    public void Reads_rules_with_normalised_category_paths()
    {
        var rules = RuleFile.Parse("""
            [{"id": "r1", "category": "Apparel >Topwear> Tshirts", "field": "title", "terms": ["tshirt", "t shirt"], "note": "ignored"},
             {"id": "r2", "category": "Footwear", "field": "ANY", "terms": ["shoe"]}]
            """, "rules.json");

        Assert.Equal(("r1", "Apparel > Topwear > Tshirts", RuleField.Title), (rules[0].Code, rules[0].CategoryPath, rules[0].Field));
        Assert.Equal(["tshirt", "t shirt"], rules[0].Terms);
        Assert.Equal(RuleField.Any, rules[1].Field);
    }

    [Fact]
    public void Missing_category_names_the_rule_and_field()
    {
        var e = Rejects("""[{"id": "r1", "category": "A", "field": "title", "terms": ["a"]}, {"id": "r2", "field": "title", "terms": ["b"]}]""");
        Assert.Equal("rules.json: rules[1] (id 'r2'): field 'category' is missing or empty.", e.Message);
    }

    [Fact]
    public void Unknown_field_names_the_value_and_the_choices()
    {
        var e = Rejects("""[{"id": "r9", "category": "A", "field": "colour", "terms": ["red"]}]""");
        Assert.Contains("rules[0] (id 'r9'): field 'field' has unknown value 'colour'; use title, description, brand or any", e.Message);
    }

    [Fact]
    public void Empty_terms_are_an_error()
    {
        Assert.Contains("rules[0] (id 'r1'): field 'terms' is empty", Rejects("""[{"id": "r1", "category": "A", "field": "title", "terms": []}]""").Message);
        Assert.Contains("term [1] (\"--\") has no letters or digits", Rejects("""[{"id": "r1", "category": "A", "field": "title", "terms": ["a", "--"]}]""").Message);
        Assert.Contains("'terms' is missing", Rejects("""[{"id": "r1", "category": "A", "field": "title"}]""").Message);
    }

    [Fact]
    public void Duplicate_or_missing_ids_and_bad_json_are_errors()
    {
        Assert.Contains("rules[1] (id 'r1'): id repeats rules[0]",
            Rejects("""[{"id": "r1", "category": "A", "field": "title", "terms": ["a"]}, {"id": "r1", "category": "B", "field": "title", "terms": ["b"]}]""").Message);
        Assert.Contains("rules[0]: field 'id' is missing", Rejects("""[{"category": "A", "field": "title", "terms": ["a"]}]""").Message);
        Assert.Contains("not valid JSON at line 2", Rejects("[\n{\"id\": }]").Message);
        Assert.Contains("expected a JSON array", Rejects("""{"id": "r1"}""").Message);
    }
}
