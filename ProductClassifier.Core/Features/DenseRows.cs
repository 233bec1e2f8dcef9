namespace ProductClassifier.Core.Features;

/// <summary>Rows of a dense matrix, row-major (numeric columns, image and sentence embeddings).</summary>
public sealed class DenseRows(int columns, float[] values)
{
    public int Columns { get; } = columns;
    public int Count => Columns == 0 ? 0 : Values.Length / Columns;
    public float[] Values { get; } = values;

    public Span<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
