using ProductClassifier.Core.Features;
using ProductClassifier.Training.Networks;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>The validation loss (the early-stopping signal) and micro-F1 at 0.5, in eval mode without gradients.</summary>
internal static class Validation
{
    public static (float Loss, float MicroF1) Evaluate(ProductModel module, FeatureSet features, LabelMatrix labels,
        FeatureShapes shapes, int[] rows, Tensor? positiveWeights, Device device, int batchSize, int maxTokens,
        CancellationToken ct)
    {
        module.eval();
        using var noGrad = no_grad();
        double loss = 0, known = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var start = 0; start < rows.Length; start += batchSize)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = rows.AsSpan(start, Math.Min(batchSize, rows.Length - start));
            var logits = module.call(BatchBuilder.Build(features, shapes, batch, device, maxTokens));
            var y = LabelBatch.Build(labels, batch, device);
            loss += MaskedBceLoss.Sum(logits, y.Targets, y.Mask, y.RowWeights, positiveWeights).item<float>();
            known += y.Mask.sum().item<float>();
            var predicted = (logits > HeldScalars.Zero).to_type(ScalarType.Float32) * y.Mask;
            var actual = y.Targets * y.Mask;
            truePositives += (predicted * actual).sum().item<float>();
            falsePositives += (predicted * actual.OneMinus()).sum().item<float>();
            falseNegatives += (predicted.OneMinus() * actual).sum().item<float>();
        }
        var f1 = truePositives == 0 ? 0 : 2 * truePositives / (2 * truePositives + falsePositives + falseNegatives);
        return ((float)(loss / Math.Max(known, 1)), (float)f1);
    }
}
