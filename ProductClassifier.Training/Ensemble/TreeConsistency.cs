namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// Makes scores respect the category tree: a parent scores at least as high as any descendant, so a confident child
/// never comes with its parent switched off.
/// </summary>
public static class TreeConsistency
{
    /// <param name="probabilities">Row-major [rows × categories], changed in place.</param>
    /// <param name="parents">Parent index of each category, -1 for a root.</param>
    public static void Apply(float[] probabilities, IReadOnlyList<int> parents)
    {
        var categories = parents.Count;
        var depth = new int[categories];
        for (var c = 0; c < categories; c++)
            for (var p = parents[c]; p >= 0; p = parents[p]) depth[c]++;
        var deepestFirst = Enumerable.Range(0, categories).Where(c => parents[c] >= 0).OrderByDescending(c => depth[c]).ToArray();
        for (var row = 0; row < probabilities.Length / categories; row++)
        {
            var scores = probabilities.AsSpan(row * categories, categories);
            foreach (var c in deepestFirst) scores[parents[c]] = Math.Max(scores[parents[c]], scores[c]);
        }
    }
}
