using ProductClassifier.Core.Rules;

namespace ProductClassifier.Tests.Core.Rules;

public sealed class RuleMatcherTests
{
    private static RuleMatcher Matcher(params (string Terms, RuleField Field)[] rules) =>
        new(rules.Select((r, i) => new RuleDefinition($"r{i}", $"C{i}", r.Field, r.Terms.Split('|'))).ToList());

    [Theory]
    [InlineData("Men Blue Shirt", true)]
    [InlineData("MEN BLUE SHIRT.", true)]
    [InlineData("Men Blue Tshirt", false)]
    [InlineData("Men Blue Shirts", false)]
    [InlineData("Shirtdress", false)]
    [InlineData("Men Blue T-Shirt", true)] // a hyphen separates words, as in the rules' own data
    public void Term_fires_only_as_a_whole_word(string title, bool fires)
    {
        var matcher = Matcher(("shirt", RuleField.Title));
        Assert.Equal(fires ? [0] : [], matcher.Match(title));
    }

    [Theory]
    [InlineData("Women Round Neck Top", true)]
    [InlineData("women round-neck top", true)]
    [InlineData("Round  neck", true)]
    [InlineData("Round necked top", false)]
    [InlineData("Neck round top", false)]
    [InlineData("Round collar, neck tie", false)]
    public void Phrase_fires_on_consecutive_whole_words(string title, bool fires)
    {
        var matcher = Matcher(("round neck", RuleField.Title));
        Assert.Equal(fires ? [0] : [], matcher.Match(title));
    }

    [Fact]
    public void Rules_look_only_at_their_field_and_any_looks_at_all()
    {
        var matcher = Matcher(("nike", RuleField.Brand), ("cotton", RuleField.Description), ("shoe", RuleField.Title), ("sport", RuleField.Any));

        Assert.Equal([], matcher.Match("Nike cotton", "shoe", "cotton"));
        Assert.Equal([0, 1, 2], matcher.Match("Running Shoe", "Soft cotton lining", "NIKE"));
        Assert.Equal([3], matcher.Match(null, null, "Sport Co"));
        Assert.Equal([3], matcher.Match(null, "for sport", null));
    }

    [Fact]
    public void Every_firing_rule_is_returned_once_in_rule_order()
    {
        var matcher = Matcher(("bag|bags", RuleField.Title), ("laptop bag", RuleField.Title), ("wallet", RuleField.Title));

        Assert.Equal([0, 1], matcher.Match("Laptop Bag and bags"));
        Assert.Equal([], matcher.Match(""));
        Assert.Equal([], matcher.Match(null));
    }

    [Fact]
    public void Letters_beyond_ascii_match_case_insensitively()
    {
        var matcher = Matcher(("größe", RuleField.Title), ("café", RuleField.Title));
        Assert.Equal([0, 1], matcher.Match("GRÖSSE GRÖßE CAFÉ"));
    }

    [Fact]
    public void A_term_without_letters_or_digits_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Matcher(("--", RuleField.Title)));
    }
}
