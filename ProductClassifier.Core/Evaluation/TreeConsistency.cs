namespace ProductClassifier.Core.Evaluation;

/// <summary>
/// Makes multi-label outputs respect the category tree: a product in a child category is in its parent, so a
/// parent's probability is raised to the highest of its descendants', and a predicted child switches on its ancestors.
/// </summary>
public sealed class TreeConsistency
{
    private readonly int[] parents;
    private readonly int[] deepestFirst;

    /// <param name="parents">Parent index of each category, -1 for top-level categories.</param>
    public TreeConsistency(int[] parents)
    {
        this.parents = parents;
        var depths = Depths(parents);
        deepestFirst = Enumerable.Range(0, parents.Length).OrderByDescending(c => depths[c]).ToArray();
    }

    public int Count => parents.Length;

    /// <summary>Depth of each category (1 = top level); rejects parents out of range and cycles.</summary>
    public static int[] Depths(int[] parents)
    {
        var depths = new int[parents.Length];
        for (var c = 0; c < parents.Length; c++)
        {
            var depth = 1;
            for (var p = parents[c]; p >= 0; p = parents[p], depth++)
            {
                if (p >= parents.Length) throw new ArgumentException($"Category {c}: parent index {p} is out of range.");
                if (depth > parents.Length) throw new ArgumentException($"Category {c}: the parent chain has a cycle.");
            }
            depths[c] = depth;
        }
        return depths;
    }

    /// <summary>Raises, in place, each parent's probability to the maximum of its children's (rows × <see cref="Count"/>).</summary>
    public void Apply(Span<float> probabilities)
    {
        var rows = Rows(probabilities.Length);
        for (var r = 0; r < rows; r++)
        {
            var row = probabilities.Slice(r * Count, Count);
            foreach (var c in deepestFirst)
                if (parents[c] >= 0 && row[c] > row[parents[c]]) row[parents[c]] = row[c];
        }
    }

    /// <summary>Switches on, in place, every ancestor of a predicted category (rows × <see cref="Count"/>).</summary>
    public void Apply(Span<bool> predictions)
    {
        var rows = Rows(predictions.Length);
        for (var r = 0; r < rows; r++)
        {
            var row = predictions.Slice(r * Count, Count);
            foreach (var c in deepestFirst)
                if (row[c] && parents[c] >= 0) row[parents[c]] = true;
        }
    }

    private int Rows(int length)
    {
        if (Count == 0) return 0;
        if (length % Count != 0) throw new ArgumentException($"Expected rows × {Count} values, got {length}.");
        return length / Count;
    }
}
