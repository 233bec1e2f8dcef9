namespace ProductClassifier.Core.Features;

/// <summary>
/// Everything the learning code needs about a catalogue, in memory: products, the category tree as model outputs,
/// what the rules said, the reference (true) labels and the labellers' decisions. Built from the database or
/// straight from a data set folder, so training, evaluation and simulation share one code path.
/// </summary>
public sealed class Corpus
{
    public required string Name { get; init; }
    public required IReadOnlyList<ProductRecord> Products { get; init; }
    public required IReadOnlyList<CorpusCategory> Categories { get; init; }

    /// <summary>Category index of each rule; <see cref="ProductRecord.FiredRules"/> indexes this list.</summary>
    public required IReadOnlyList<int> RuleCategories { get; init; }

    /// <summary>Per product: the true categories (ancestors included), or null where none is known.</summary>
    public required IReadOnlyList<int[]?> ReferenceLabels { get; init; }

    /// <summary>Per product: the human label's positive categories (ancestors included), or null: an admin's resolution,
    /// else the labellers' decision where they agree (see <see cref="Labelling.HumanLabel"/>).</summary>
    public required IReadOnlyList<int[]?> HumanLabels { get; init; }

    public int CategoryCount => Categories.Count;

    /// <summary>The category and all its ancestors.</summary>
    public IEnumerable<int> WithAncestors(int category)
    {
        for (var c = category; c >= 0; c = Categories[c].Parent) yield return c;
    }

    /// <summary>What the old rule-based system labels the product with: each fired rule's category and its ancestors.</summary>
    public int[] RuleLabels(int product)
    {
        var set = new HashSet<int>();
        foreach (var rule in Products[product].FiredRules)
            foreach (var c in WithAncestors(RuleCategories[rule])) set.Add(c);
        return [.. set.Order()];
    }

    /// <summary>Categories with at least <paramref name="minimum"/> reference-labelled products: the ones macro-F1 averages.</summary>
    public bool[] EligibleCategories(int minimum = 20)
    {
        var counts = new int[CategoryCount];
        foreach (var labels in ReferenceLabels)
            if (labels is not null) foreach (var c in labels) counts[c]++;
        return counts.Select(n => n >= minimum).ToArray();
    }
}
