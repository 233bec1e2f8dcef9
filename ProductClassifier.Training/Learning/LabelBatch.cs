using ProductClassifier.Core.Features;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>The targets, mask and row weights of a batch's rows, as tensors.</summary>
internal sealed record LabelBatch(Tensor Targets, Tensor Mask, Tensor RowWeights)
{
    public static LabelBatch Build(LabelMatrix labels, ReadOnlySpan<int> rows, Device device)
    {
        var c = labels.Categories;
        var targets = new float[rows.Length * c];
        var mask = new float[rows.Length * c];
        var weights = new float[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            labels.Targets.AsSpan(rows[r] * c, c).CopyTo(targets.AsSpan(r * c));
            labels.Mask.AsSpan(rows[r] * c, c).CopyTo(mask.AsSpan(r * c));
            weights[r] = labels.RowWeights[rows[r]];
        }
        return new LabelBatch(tensor(targets, [rows.Length, c], device: device),
            tensor(mask, [rows.Length, c], device: device), tensor(weights, device: device));
    }
}
