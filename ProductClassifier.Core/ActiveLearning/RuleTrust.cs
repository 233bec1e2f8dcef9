using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.ActiveLearning;

/// <summary>
/// How far each category's rules proved right on the products people labelled, used to weigh the rule labels that
/// fine-tuning replays. A rule positive counts as much as the rules' precision for that category, a rule negative as
/// much as their recall: where the rules never find a category (a category without rules, say), their "no" teaches
/// nothing and stops pulling down what the human labels teach. Both are Beta-smoothed towards full trust, so a
/// category nobody has labelled yet keeps weight 1, and importance-weighted, so a batch that sought out the rules'
/// mistakes does not make them look worse than they are.
/// </summary>
public sealed class RuleTrust
{
    private RuleTrust(double[] precision, double[] recall) => (Precision, Recall) = (precision, recall);

    /// <summary>Per category, the smoothed share of rule positives that people confirmed.</summary>
    public double[] Precision { get; }

    /// <summary>Per category, the smoothed share of people's positives that the rules had found.</summary>
    public double[] Recall { get; }

    /// <param name="weights">Each human-labelled product's importance weight; absent: 1.</param>
    /// <param name="prior">Pseudo-counts of agreement each estimate starts from.</param>
    public static RuleTrust Estimate(Corpus corpus, IReadOnlyDictionary<int, float>? weights = null, double prior = 2)
    {
        var categories = corpus.CategoryCount;
        var (truePositives, rulePositives, humanPositives) = (new double[categories], new double[categories], new double[categories]);
        for (var p = 0; p < corpus.Products.Count; p++)
        {
            // Only products the rules had an opinion on: the others are never replayed as rule labels.
            if (corpus.HumanLabels[p] is not { } human || corpus.Products[p].FiredRules.Length == 0) continue;
            var w = weights?.GetValueOrDefault(p, 1f) ?? 1f;
            var rules = corpus.RuleLabels(p);
            foreach (var c in rules) rulePositives[c] += w;
            foreach (var c in human)
            {
                humanPositives[c] += w;
                if (Array.IndexOf(rules, c) >= 0) truePositives[c] += w;
            }
        }
        double Smoothed(double agreed, double total) => (agreed + prior) / (total + prior);
        return new RuleTrust(
            Enumerable.Range(0, categories).Select(c => Smoothed(truePositives[c], rulePositives[c])).ToArray(),
            Enumerable.Range(0, categories).Select(c => Smoothed(truePositives[c], humanPositives[c])).ToArray());
    }

    /// <summary>Scales the mask of every rule-labelled row (row weight 1, no human label) of <paramref name="labels"/> by the trust.</summary>
    /// <param name="products">The corpus product of each row of <paramref name="labels"/>.</param>
    public void Apply(LabelMatrix labels, Corpus corpus, IReadOnlyList<int> products)
    {
        var categories = labels.Categories;
        for (var row = 0; row < products.Count; row++)
        {
            if (corpus.HumanLabels[products[row]] is not null) continue;
            var offset = row * categories;
            for (var c = 0; c < categories; c++)
                labels.Mask[offset + c] *= (float)(labels.Targets[offset + c] > 0 ? Precision[c] : Recall[c]);
        }
    }
}
