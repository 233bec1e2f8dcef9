using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// A cheap dense embedding per product for spotting near-duplicates in a batch: the image features when the set has
/// them (same photo ≈ same product), else the sentence embedding, else a seeded random projection of the tf-idf text
/// (random projections keep cosine distances roughly, so identical titles stay at distance ≈ 0).
/// </summary>
public static class DiversityEmbedding
{
    public const int ProjectionSize = 64;

    public static DenseRows For(FeatureSet features, IReadOnlyList<int> rows)
    {
        foreach (var block in new[] { FeatureSet.Image, FeatureSet.Sentence })
            if (features.Dense.TryGetValue(block, out var dense)) return Slice(dense, rows);
        if (features.Sparse.TryGetValue(FeatureSet.TextTfIdf, out var text)) return Project(text, rows);
        return new DenseRows(0, []);
    }

    /// <summary>The given rows of an embedding, in the given order.</summary>
    public static DenseRows Slice(DenseRows source, IReadOnlyList<int> rows)
    {
        var values = new float[rows.Count * source.Columns];
        for (var r = 0; r < rows.Count; r++) source.Row(rows[r]).CopyTo(values.AsSpan(r * source.Columns));
        return new DenseRows(source.Columns, values);
    }

    private static DenseRows Project(SparseRows text, IReadOnlyList<int> rows)
    {
        var random = new Random(17);
        var projection = new float[text.Columns * ProjectionSize];
        for (var i = 0; i < projection.Length; i++) projection[i] = random.NextSingle() * 2 - 1;
        var values = new float[rows.Count * ProjectionSize];
        for (var r = 0; r < rows.Count; r++)
        {
            var target = values.AsSpan(r * ProjectionSize, ProjectionSize);
            var indices = text.RowIndices(rows[r]);
            var weights = text.RowValues(rows[r]);
            for (var k = 0; k < indices.Length; k++)
            {
                var column = projection.AsSpan(indices[k] * ProjectionSize, ProjectionSize);
                for (var d = 0; d < ProjectionSize; d++) target[d] += weights[k] * column[d];
            }
        }
        return new DenseRows(ProjectionSize, values);
    }
}
