namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// The categories being scored, in output order: display names, tree levels (1 = top level) and which ones enter the
/// macro averages (the caller decides, normally those with at least 20 reference-labelled products in the catalogue).
/// </summary>
public sealed record EvaluationCategories(IReadOnlyList<string> Names, int[] Levels, bool[] Eligible)
{
    public const int DefaultMinimumPositives = 20;

    public int Count => Names.Count;

    /// <summary>Categories of a tree given by parent indices (-1 = root), eligible when their positive count reaches the minimum.</summary>
    public static EvaluationCategories FromTree(IReadOnlyList<string> names, int[] parents, int[] positivesInCatalogue, int minimumPositives = DefaultMinimumPositives)
    {
        if (parents.Length != names.Count || positivesInCatalogue.Length != names.Count)
            throw new ArgumentException("names, parents and positive counts must have one entry per category.");
        return new EvaluationCategories(names, TreeConsistency.Depths(parents), EligibleByCount(positivesInCatalogue, minimumPositives));
    }

    public static bool[] EligibleByCount(int[] positives, int minimumPositives = DefaultMinimumPositives) =>
        positives.Select(p => p >= minimumPositives).ToArray();
}
