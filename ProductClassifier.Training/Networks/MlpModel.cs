using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>One hidden layer over any mix of sparse and dense blocks (tf-idf, image, sentence features, rule firings).</summary>
internal sealed class MlpModel : nn.Module<ModelInput, Tensor>
{
    private readonly BlockLinear hidden;
    private readonly SeededDropout dropout;
    private readonly Linear output;

    public MlpModel(ModelSpec spec, FeatureShapes shapes, IEnumerable<string> blocks) : base(spec.Architecture)
    {
        hidden = new BlockLinear("hidden", shapes, blocks, spec.Hyper.Hidden);
        dropout = new SeededDropout(spec.Hyper.Dropout);
        output = nn.Linear(spec.Hyper.Hidden, shapes.Categories);
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input) =>
        output.call(dropout.call(nn.functional.relu(hidden.call(input))));
}
