using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// Any architecture's body plus a linear path from the rule firings straight to the logits, added to every model so
/// it starts from what the old system said and learns where the rules are wrong rather than relearning them from text.
/// </summary>
public sealed class ProductModel : nn.Module<ModelInput, Tensor>
{
    private readonly nn.Module<ModelInput, Tensor> body;
    private readonly SparseLinear? rules;

    internal ProductModel(nn.Module<ModelInput, Tensor> body, FeatureShapes shapes) : base("product_model")
    {
        this.body = body;
        if (shapes.Sparse.TryGetValue(FeatureSet.Rules, out var ruleCount))
            rules = new SparseLinear("rules", ruleCount, shapes.Categories, hasBias: false, zeroInit: true);
        RegisterComponents();
    }

    /// <summary>Restarts every dropout's random stream: the trainer calls it at the start of each epoch.</summary>
    internal void Reseed(long seed)
    {
        var device = parameters().First().device;
        foreach (var (dropout, i) in modules().OfType<SeededDropout>().Select((d, i) => (d, i)))
            dropout.Reseed(seed + i, device);
    }

    public override Tensor forward(ModelInput input)
    {
        var logits = body.call(input);
        return rules is null ? logits : logits.Plus(rules.call(input.Sparse[FeatureSet.Rules]));
    }
}
