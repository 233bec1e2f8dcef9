namespace ProductClassifier.Core.Features;

/// <summary>Collects sparse rows of one chunk of products; chunks are joined in order into one <see cref="SparseRows"/>.</summary>
internal sealed class SparseBuilder
{
    private readonly List<int> indices = [];
    private readonly List<float> values = [];
    private readonly List<int> rowLengths = [];
    private int rowStart;

    public int RowLength => indices.Count - rowStart;

    public void Add(int index, float value)
    {
        indices.Add(index);
        values.Add(value);
    }

    /// <summary>Scales the values of the open row.</summary>
    public void ScaleRow(float factor)
    {
        for (var i = rowStart; i < values.Count; i++) values[i] *= factor;
    }

    public float RowSquaredNorm()
    {
        var sum = 0f;
        for (var i = rowStart; i < values.Count; i++) sum += values[i] * values[i];
        return sum;
    }

    public void EndRow()
    {
        rowLengths.Add(indices.Count - rowStart);
        rowStart = indices.Count;
    }

    public static SparseRows Join(int columns, IReadOnlyList<SparseBuilder> chunks)
    {
        var rows = chunks.Sum(c => c.rowLengths.Count);
        var total = chunks.Sum(c => c.indices.Count);
        var starts = new int[rows + 1];
        var indices = new int[total];
        var values = new float[total];
        int row = 0, at = 0;
        foreach (var chunk in chunks)
        {
            chunk.indices.CopyTo(indices, at);
            chunk.values.CopyTo(values, at);
            foreach (var length in chunk.rowLengths) starts[row + 1] = starts[row++] + length;
            at += chunk.indices.Count;
        }
        return new SparseRows(columns, starts, indices, values);
    }
}
