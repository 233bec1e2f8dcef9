using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class RuleTrustTests
{
    // Categories: 0 "Shirts" (its rule also fires on T-shirts), 1 "Tshirts" (rule right), 2 "Perfume" (no rule at all).
    // Products 0–9 are T-shirts (rules fire 0 and 1), 10–19 shirts (rule 0), 20–29 perfumes (only rule 1 fires on them,
    // wrongly, so they are rule-labelled), 30 a product no rule fired on.
    private static Corpus Shop(int[]?[] human)
    {
        var products = Enumerable.Range(0, 31).Select(i => new ProductRecord(i, $"p{i}", null, null, null, null, null,
            new Dictionary<string, System.Text.Json.JsonElement>(), i switch { < 10 => [0, 1], < 20 => [0], < 30 => [1], _ => [] })).ToList();
        return new Corpus
        {
            Name = "trust",
            Products = products,
            Categories = [new CorpusCategory(0, "Shirts", -1, 1), new CorpusCategory(1, "Tshirts", -1, 1), new CorpusCategory(2, "Perfume", -1, 1)],
            RuleCategories = [0, 1, 2],
            ReferenceLabels = new int[]?[31],
            HumanLabels = human,
        };
    }

    [Fact]
    public void Without_human_labels_every_rule_label_keeps_full_weight()
    {
        var corpus = Shop(new int[]?[31]);
        var trust = RuleTrust.Estimate(corpus);
        Assert.All(trust.Precision.Concat(trust.Recall), t => Assert.Equal(1, t, 6));

        var products = Enumerable.Range(0, 31).ToArray();
        var labels = CorpusLabels.ForTraining(corpus, products);
        var before = labels.Mask.ToArray();
        trust.Apply(labels, corpus, products);
        Assert.Equal(before, labels.Mask);
    }

    [Fact]
    public void Precision_and_recall_come_from_the_human_labels_smoothed_towards_trust()
    {
        var human = new int[]?[31];
        for (var i = 0; i < 4; i++) human[i] = [1];        // 4 T-shirts: rule 0 wrong, rule 1 right
        for (var i = 10; i < 12; i++) human[i] = [0];      // 2 shirts: rule 0 right
        for (var i = 20; i < 23; i++) human[i] = [2];      // 3 perfumes: rule 1 wrong, perfume never found
        var trust = RuleTrust.Estimate(Shop(human), prior: 2);

        Assert.Equal((2 + 2) / (6.0 + 2), trust.Precision[0], 6); // rule 0 fired on 6 labelled, 2 confirmed
        Assert.Equal((2 + 2) / (2.0 + 2), trust.Recall[0], 6);    // both labelled shirts were found
        Assert.Equal((4 + 2) / (7.0 + 2), trust.Precision[1], 6); // rule 1 fired on 7 labelled, 4 confirmed
        Assert.Equal((0 + 2) / (3.0 + 2), trust.Recall[2], 6);    // 3 perfumes, none found by a rule
        Assert.Equal(1, trust.Precision[2], 6);                   // no rule fired for perfume: nothing to doubt
    }

    [Fact]
    public void Importance_weights_count_each_labelled_product_as_often_as_it_stands_for()
    {
        var human = new int[]?[31];
        human[0] = [1];                                     // a T-shirt: Shirts' rule wrong
        human[10] = [0];                                    // a shirt: Shirts' rule right
        var even = RuleTrust.Estimate(Shop(human), prior: 2);
        var weighted = RuleTrust.Estimate(Shop(human), new Dictionary<int, float> { [0] = 0.5f, [10] = 1.5f }, prior: 2);

        Assert.Equal((1 + 2) / (2.0 + 2), even.Precision[0], 6);
        Assert.Equal((1.5 + 2) / (2.0 + 2), weighted.Precision[0], 6);
    }

    [Fact]
    public void Apply_scales_only_rule_labelled_rows_positives_by_precision_and_negatives_by_recall()
    {
        var human = new int[]?[31];
        for (var i = 0; i < 6; i++) human[i] = [1];
        for (var i = 20; i < 26; i++) human[i] = [2];
        var corpus = Shop(human);
        var products = Enumerable.Range(0, 31).ToArray();
        var labels = CorpusLabels.ForTraining(corpus, products, humanWeight: 5);
        var trust = RuleTrust.Estimate(corpus);

        trust.Apply(labels, corpus, products);

        const int c = 3;
        Assert.Equal([1f, 1f, 1f], labels.Mask[(0 * c)..(1 * c)]);                   // human-labelled: untouched
        Assert.Equal(trust.Precision[0], labels.Mask[6 * c + 0], 5);          // a T-shirt's rule "Shirts"
        Assert.Equal(trust.Recall[2], labels.Mask[6 * c + 2], 5);             // its rule "not Perfume"
        Assert.True(labels.Mask[6 * c + 0] < 0.4f);                                  // 0 of 6 confirmed: (0+2)/(6+2)
        Assert.True(labels.Mask[6 * c + 2] < 0.3f);                                  // 0 of 6 perfumes found
        Assert.Equal(1.0, labels.Mask[12 * c + 1], 5);                               // a shirt's "not Tshirts": the rules found all 6 T-shirts
        Assert.Equal([0f, 0f, 0f], labels.Mask[(30 * c)..(31 * c)]);                 // no rule fired: still unknown
        Assert.Equal(1f, labels.Targets[6 * c + 0]);                                 // targets themselves unchanged
    }

    [Fact]
    public void Training_labels_with_trusted_rules_are_the_rule_labels_weighed_by_the_importance_weighted_trust()
    {
        var human = new int[]?[31];
        for (var i = 0; i < 3; i++) human[i] = [1];
        human[20] = [2];
        var corpus = Shop(human);
        var products = Enumerable.Range(0, 31).ToArray();
        var weights = new Dictionary<int, float> { [0] = 0.5f, [1] = 1f, [2] = 1f, [20] = 1.5f };

        var expected = CorpusLabels.ForTraining(corpus, products, 5, weights);
        RuleTrust.Estimate(corpus, weights).Apply(expected, corpus, products);
        var trusted = CorpusLabels.ForTraining(corpus, products, 5, weights, trustRules: true);

        Assert.Equal(expected.Mask, trusted.Mask);
        Assert.NotEqual(CorpusLabels.ForTraining(corpus, products, 5, weights).Mask, trusted.Mask);
    }
}
