using ProductClassifier.Core.Features;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>Copies the rows of a batch out of a <see cref="FeatureSet"/> into tensors, only for the blocks a model reads.</summary>
public static class BatchBuilder
{
    /// <param name="withoutRules">Rows of the batch whose rule firings the model must not see (rule-firing dropout); null: none.</param>
    public static ModelInput Build(FeatureSet features, FeatureShapes shapes, ReadOnlySpan<int> rows, Device device, int maxTokens,
        bool[]? withoutRules = null)
    {
        var input = new ModelInput(rows.Length);
        foreach (var name in shapes.Sparse.Keys)
            input.Sparse[name] = Sparse(features.Sparse[name], rows, device, name == FeatureSet.Rules ? withoutRules : null);
        foreach (var name in shapes.Dense.Keys) input.Dense[name] = Dense(features.Dense[name], rows, device);
        foreach (var (name, vocabulary) in shapes.Tokens)
            input.Tokens[name] = Tokens(features.Tokens[name], vocabulary, rows, device, maxTokens);
        return input;
    }

    private static SparseBatch Sparse(SparseRows source, ReadOnlySpan<int> rows, Device device, bool[]? emptied)
    {
        var total = 0;
        for (var r = 0; r < rows.Length; r++)
            if (emptied?[r] != true) total += source.RowStarts[rows[r] + 1] - source.RowStarts[rows[r]];
        var indices = new long[total];
        var values = new float[total];
        var offsets = new long[rows.Length];
        var at = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            offsets[r] = at;
            if (emptied?[r] == true) continue;
            var columns = source.RowIndices(rows[r]);
            source.RowValues(rows[r]).CopyTo(values.AsSpan(at));
            for (var k = 0; k < columns.Length; k++) indices[at + k] = columns[k];
            at += columns.Length;
        }
        return new SparseBatch(tensor(indices, device: device), tensor(offsets, device: device),
            tensor(values, device: device), rows.Length);
    }

    private static Tensor Dense(DenseRows source, ReadOnlySpan<int> rows, Device device)
    {
        var values = new float[rows.Length * source.Columns];
        for (var r = 0; r < rows.Length; r++) source.Row(rows[r]).CopyTo(values.AsSpan(r * source.Columns));
        return tensor(values, [rows.Length, source.Columns], device: device);
    }

    private static Tensor Tokens(int[][] source, int vocabulary, ReadOnlySpan<int> rows, Device device, int maxTokens)
    {
        var length = 1;
        foreach (var row in rows) length = Math.Max(length, Math.Min(maxTokens, source[row].Length));
        var ids = new long[rows.Length * length];
        for (var r = 0; r < rows.Length; r++)
        {
            var tokens = source[rows[r]];
            for (var t = 0; t < Math.Min(length, tokens.Length); t++)
                // An id beyond the table (a transform fitted on other data) would crash native code: map it to unknown.
                ids[r * length + t] = tokens[t] < vocabulary ? tokens[t] : 1;
        }
        return tensor(ids, [rows.Length, length], device: device);
    }
}
