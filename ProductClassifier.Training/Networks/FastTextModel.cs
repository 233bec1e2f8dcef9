using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>fastText-like: the mean of the token embeddings (padding excluded), then a linear classifier.</summary>
internal sealed class FastTextModel : nn.Module<ModelInput, Tensor>
{
    private readonly EmbeddingBag embeddings;
    private readonly SeededDropout dropout;
    private readonly Linear output;
    private readonly string block;

    public FastTextModel(ModelSpec spec, FeatureShapes shapes, string block) : base(spec.Architecture)
    {
        this.block = block;
        embeddings = nn.EmbeddingBag(shapes.Tokens[block], spec.Hyper.Embedding, mode: EmbeddingBagMode.Mean, padding_index: 0);
        dropout = new SeededDropout(spec.Hyper.Dropout);
        output = nn.Linear(spec.Hyper.Embedding, shapes.Categories);
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input) =>
        output.call(dropout.call(embeddings.call(input.Tokens[block])));
}
