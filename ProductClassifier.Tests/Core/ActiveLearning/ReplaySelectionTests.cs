using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class ReplaySelectionTests
{
    // Three flat categories, one rule each: 900 products fire the common rule, 95 the middle one, 5 the rare one.
    private static Corpus ThreeCategories()
    {
        var products = Enumerable.Range(0, 1000).Select(i => new ProductRecord(i, $"p{i}", null, null, null, null, null,
            new Dictionary<string, System.Text.Json.JsonElement>(), [i < 5 ? 2 : i < 100 ? 1 : 0])).ToList();
        return new Corpus
        {
            Name = "replay",
            Products = products,
            Categories = [new CorpusCategory(0, "Common", -1, 1), new CorpusCategory(1, "Middle", -1, 1), new CorpusCategory(2, "Rare", -1, 1)],
            RuleCategories = [0, 1, 2],
            ReferenceLabels = new int[]?[1000],
            HumanLabels = new int[]?[1000],
        };
    }

    [Fact]
    public void Stratified_replay_keeps_each_categorys_positives_and_fills_the_rest()
    {
        var corpus = ThreeCategories();
        var candidates = Enumerable.Range(0, 1000).ToArray();

        var picked = ReplaySelection.Pick(corpus, candidates, count: 40, perCategory: 4, new Random(1));

        Assert.Equal(40, picked.Length);
        Assert.Equal(40, picked.Distinct().Count());
        Assert.InRange(picked.Count(p => p < 5), 4, 5);          // the rare category: 4 or all 5 of its 5, where uniform expects 0.2
        Assert.InRange(picked.Count(p => p is >= 5 and < 100), 4, 40);
        Assert.All(picked, p => Assert.Contains(p, candidates));
    }

    [Fact]
    public void Zero_per_category_is_a_uniform_sample_and_a_short_pool_is_taken_whole()
    {
        var corpus = ThreeCategories();
        var uniform = Enumerable.Range(0, 200).Select(seed =>
            ReplaySelection.Pick(corpus, Enumerable.Range(0, 1000).ToArray(), 40, perCategory: 0, new Random(seed)).Count(p => p < 5)).Average();
        Assert.InRange(uniform, 0.05, 0.5);                      // expectation 40 × 5 / 1000 = 0.2

        var all = ReplaySelection.Pick(corpus, [3, 7, 11], 40, perCategory: 4, new Random(1));
        Assert.Equal([3, 7, 11], all.Order());
    }

    [Fact]
    public void Products_with_a_human_label_or_no_fired_rule_are_never_replayed()
    {
        var source = ThreeCategories();
        var human = new int[]?[1000];
        human[7] = [0];
        var products = source.Products.Select(p => p.Id == 11 ? p with { FiredRules = [] } : p).ToList();
        var corpus = new Corpus
        {
            Name = source.Name,
            Products = products,
            Categories = source.Categories,
            RuleCategories = source.RuleCategories,
            ReferenceLabels = source.ReferenceLabels,
            HumanLabels = human,
        };

        var picked = ReplaySelection.Pick(corpus, [3, 7, 11, 500], 40, perCategory: 4, new Random(1));

        Assert.Equal([3, 500], picked.Order());
    }
}
