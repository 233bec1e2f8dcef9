using ProductClassifier.Training.Learning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// A linear layer over CSR rows without densifying them: EmbeddingBag in sum mode with the row values as
/// per-sample weights computes x·W for only the non-zero columns, so a 20k-column tf-idf costs ~30 rows of W per product.
/// </summary>
internal sealed class SparseLinear : nn.Module<SparseBatch, Tensor>
{
    private readonly EmbeddingBag weights;
    private readonly Parameter? bias;
    private readonly long outputs;

    public SparseLinear(string name, long inputs, long outputs, bool hasBias = true, bool zeroInit = false) : base(name)
    {
        this.outputs = outputs;
        weights = nn.EmbeddingBag(inputs, outputs, mode: EmbeddingBagMode.Sum);
        using (no_grad())
        {
            // Same scale as nn.Linear; EmbeddingBag's N(0,1) default would swamp the other inputs.
            var bound = 1.0 / Math.Sqrt(inputs);
            if (zeroInit) nn.init.zeros_(weights.weight);
            else nn.init.uniform_(weights.weight, -bound, bound);
        }
        if (hasBias) bias = nn.Parameter(zeros(outputs));
        RegisterComponents();
    }

    public override Tensor forward(SparseBatch input)
    {
        var output = input.Indices.numel() == 0
            ? zeros(input.Rows, outputs, device: weights.weight!.device)
            : weights.call(input.Indices, input.Offsets, input.Values);
        return bias is null ? output : output.Plus(bias);
    }
}
