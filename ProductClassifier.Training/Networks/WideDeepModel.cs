using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// Wide &amp; Deep: a wide linear part over the k-hot categorical columns (memorises brand → category), and a deep part
/// whose first layer embeds the categorical values (a sparse linear layer is a sum of per-value embeddings) beside the
/// numeric columns and rule firings.
/// </summary>
internal sealed class WideDeepModel : nn.Module<ModelInput, Tensor>
{
    private readonly BlockLinear wide;
    private readonly BlockLinear deep;
    private readonly SeededDropout dropout;
    private readonly Linear hidden;
    private readonly Linear output;

    public WideDeepModel(ModelSpec spec, FeatureShapes shapes) : base(spec.Architecture)
    {
        wide = new BlockLinear("wide", shapes, [FeatureSet.Categorical], shapes.Categories);
        deep = new BlockLinear("deep", shapes, [FeatureSet.Categorical, FeatureSet.Numeric, FeatureSet.Rules], spec.Hyper.Hidden);
        dropout = new SeededDropout(spec.Hyper.Dropout);
        hidden = nn.Linear(spec.Hyper.Hidden, spec.Hyper.Hidden / 2);
        output = nn.Linear(spec.Hyper.Hidden / 2, shapes.Categories);
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input)
    {
        var h = dropout.call(nn.functional.relu(deep.call(input)));
        h = dropout.call(nn.functional.relu(hidden.call(h)));
        return wide.call(input).Plus(output.call(h));
    }
}
