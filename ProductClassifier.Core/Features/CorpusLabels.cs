namespace ProductClassifier.Core.Features;

/// <summary>Label matrices over a subset of a corpus's products: what models train on and are evaluated against.</summary>
public static class CorpusLabels
{
    /// <summary>
    /// Training targets. A product a labeller decided on takes that decision with weight <paramref name="humanWeight"/>
    /// (times its importance weight, when given); otherwise the rules' labels with weight 1 — except where no rule
    /// fired at all: the old system had no opinion there, so those products are masked rather than taught "nothing".
    /// With <paramref name="trustRules"/>, each rule label is then weighed by how far the human labels bore its
    /// category's rules out (<see cref="ActiveLearning.RuleTrust"/>, estimated with the importance weights).
    /// </summary>
    public static LabelMatrix ForTraining(Corpus corpus, IReadOnlyList<int> products, float humanWeight = 5f,
        IReadOnlyDictionary<int, float>? importanceWeights = null, bool useRules = true, bool trustRules = false)
    {
        var labels = LabelMatrix.Empty(products.Count, corpus.CategoryCount);
        for (var row = 0; row < products.Count; row++)
        {
            var p = products[row];
            if (corpus.HumanLabels[p] is { } human)
            {
                Fill(labels, row, human);
                labels.RowWeights[row] = humanWeight * (importanceWeights?.GetValueOrDefault(p, 1f) ?? 1f);
            }
            else if (useRules && corpus.Products[p].FiredRules.Length > 0) Fill(labels, row, corpus.RuleLabels(p));
            else labels.RowWeights[row] = 0;
        }
        if (trustRules) ActiveLearning.RuleTrust.Estimate(corpus, importanceWeights).Apply(labels, corpus, products);
        return labels;
    }

    /// <summary>What the rules said, as truth (the rule-labelled test set): every label known.</summary>
    public static LabelMatrix RuleTruth(Corpus corpus, IReadOnlyList<int> products)
    {
        var labels = LabelMatrix.Empty(products.Count, corpus.CategoryCount);
        for (var row = 0; row < products.Count; row++) Fill(labels, row, corpus.RuleLabels(products[row]));
        return labels;
    }

    /// <summary>
    /// The ground-truth set: reference labels, else labellers' decisions; products with neither are masked.
    /// Callers pass only products that never trained the model being evaluated (the test split).
    /// </summary>
    public static LabelMatrix GroundTruth(Corpus corpus, IReadOnlyList<int> products)
    {
        var labels = LabelMatrix.Empty(products.Count, corpus.CategoryCount);
        for (var row = 0; row < products.Count; row++)
        {
            var p = products[row];
            if ((corpus.ReferenceLabels[p] ?? corpus.HumanLabels[p]) is { } truth) Fill(labels, row, truth);
            else labels.RowWeights[row] = 0;
        }
        return labels;
    }

    /// <summary>The rules as a model: probability 1 for each category they label.</summary>
    public static float[] RuleProbabilities(Corpus corpus, IReadOnlyList<int> products) => RuleTruth(corpus, products).Targets;

    /// <summary>Positive counts per category over reference labels, else labellers' decisions (for macro-F1 eligibility).</summary>
    public static int[] TruthCounts(Corpus corpus)
    {
        var counts = new int[corpus.CategoryCount];
        for (var p = 0; p < corpus.Products.Count; p++)
            if ((corpus.ReferenceLabels[p] ?? corpus.HumanLabels[p]) is { } truth)
                foreach (var c in truth) counts[c]++;
        return counts;
    }

    private static void Fill(LabelMatrix labels, int row, int[] positives)
    {
        var offset = row * labels.Categories;
        labels.Mask.AsSpan(offset, labels.Categories).Fill(1f);
        foreach (var c in positives) labels.Targets[offset + c] = 1f;
    }
}
