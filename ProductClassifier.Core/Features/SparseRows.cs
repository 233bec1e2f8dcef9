namespace ProductClassifier.Core.Features;

/// <summary>Rows of a sparse matrix in compressed-row form (tf-idf, k-hot, rule firings).</summary>
public sealed class SparseRows(int columns, int[] rowStarts, int[] indices, float[] values)
{
    public int Columns { get; } = columns;
    public int Count => RowStarts.Length - 1;
    public int[] RowStarts { get; } = rowStarts;
    public int[] Indices { get; } = indices;
    public float[] Values { get; } = values;

    public ReadOnlySpan<int> RowIndices(int row) => Indices.AsSpan(RowStarts[row], RowStarts[row + 1] - RowStarts[row]);
    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan(RowStarts[row], RowStarts[row + 1] - RowStarts[row]);

    public static SparseRows FromRows(int columns, IReadOnlyList<IReadOnlyList<(int Index, float Value)>> rows)
    {
        var starts = new int[rows.Count + 1];
        for (var r = 0; r < rows.Count; r++) starts[r + 1] = starts[r] + rows[r].Count;
        var indices = new int[starts[^1]];
        var values = new float[starts[^1]];
        for (var r = 0; r < rows.Count; r++)
            for (var k = 0; k < rows[r].Count; k++)
                (indices[starts[r] + k], values[starts[r] + k]) = rows[r][k];
        return new SparseRows(columns, starts, indices, values);
    }
}
