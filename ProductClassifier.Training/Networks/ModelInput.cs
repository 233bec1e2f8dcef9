using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// One batch of model inputs on the training device, by block name. Built inside the batch's dispose scope, so its
/// tensors go when the scope does.
/// </summary>
public sealed class ModelInput(int rows)
{
    public int Rows { get; } = rows;
    public Dictionary<string, SparseBatch> Sparse { get; } = [];
    public Dictionary<string, Tensor> Dense { get; } = [];

    /// <summary>Token ids, [rows, length], 0-padded.</summary>
    public Dictionary<string, Tensor> Tokens { get; } = [];
}

/// <summary>A batch of CSR rows in EmbeddingBag form: flat column ids, each row's start, and the values.</summary>
public sealed record SparseBatch(Tensor Indices, Tensor Offsets, Tensor Values, int Rows);
