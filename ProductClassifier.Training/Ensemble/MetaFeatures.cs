using ProductClassifier.Core.Features;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// The meta-learner's inputs: the members' logits side by side, and the rule firings of the same rows for meta-learners
/// saved when they still read them (the current one does not: see <see cref="ModelRegistry"/>).
/// </summary>
internal static class MetaFeatures
{
    public static FeatureSet Build(FeatureSet source, IReadOnlyList<int> rows, IReadOnlyList<float[]> memberLogits, int categories)
    {
        var members = memberLogits.Count;
        var values = new float[rows.Count * members * categories];
        for (var r = 0; r < rows.Count; r++)
            for (var m = 0; m < members; m++)
                memberLogits[m].AsSpan(r * categories, categories).CopyTo(values.AsSpan((r * members + m) * categories));
        var features = new FeatureSet(rows.Count);
        features.Dense[MetaLearner.MembersBlock] = new DenseRows(members * categories, values);
        if (source.Sparse.TryGetValue(FeatureSet.Rules, out var rules)) features.Sparse[FeatureSet.Rules] = Slice(rules, rows);
        return features;
    }

    private static SparseRows Slice(SparseRows source, IReadOnlyList<int> rows)
    {
        var starts = new int[rows.Count + 1];
        for (var r = 0; r < rows.Count; r++) starts[r + 1] = starts[r] + source.RowIndices(rows[r]).Length;
        var indices = new int[starts[^1]];
        var values = new float[starts[^1]];
        for (var r = 0; r < rows.Count; r++)
        {
            source.RowIndices(rows[r]).CopyTo(indices.AsSpan(starts[r]));
            source.RowValues(rows[r]).CopyTo(values.AsSpan(starts[r]));
        }
        return new SparseRows(source.Columns, starts, indices, values);
    }
}
