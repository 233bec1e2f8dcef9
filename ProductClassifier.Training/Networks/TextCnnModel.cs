using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>Kim-style text CNN: token embeddings, 1-D convolutions of widths 2–4, max over time, a linear classifier.</summary>
internal sealed class TextCnnModel : nn.Module<ModelInput, Tensor>
{
    private static readonly int[] Widths = [2, 3, 4];

    private readonly Embedding embeddings;
    private readonly ModuleList<Conv1d> convolutions;
    private readonly SeededDropout dropout;
    private readonly Linear output;
    private readonly string block;

    public TextCnnModel(ModelSpec spec, FeatureShapes shapes, string block) : base(spec.Architecture)
    {
        this.block = block;
        embeddings = nn.Embedding(shapes.Tokens[block], spec.Hyper.Embedding, padding_idx: 0);
        convolutions = nn.ModuleList(Widths.Select(w => nn.Conv1d(spec.Hyper.Embedding, spec.Hyper.Filters, w)).ToArray());
        dropout = new SeededDropout(spec.Hyper.Dropout);
        output = nn.Linear(spec.Hyper.Filters * Widths.Length, shapes.Categories);
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input)
    {
        var x = embeddings.call(input.Tokens[block]).permute(0, 2, 1); // [rows, embedding, length]
        var shortBy = Widths.Max() - x.shape[2];
        if (shortBy > 0) x = nn.functional.pad(x, [0, shortBy]);
        var pooled = convolutions.Select(conv => nn.functional.relu(conv.call(x)).amax([2])).ToArray();
        return output.call(dropout.call(cat(pooled, 1)));
    }
}
