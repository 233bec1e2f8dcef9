using ProductClassifier.Training.Learning;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// A linear layer over several named input blocks at once, as if they were concatenated: sparse blocks through
/// <see cref="SparseLinear"/>, dense blocks through nn.Linear (wide embeddings layer-normalised first, since image and
/// sentence features arrive on their own scales).
/// </summary>
internal sealed class BlockLinear : nn.Module<ModelInput, Tensor>
{
    private const int NormaliseFrom = 16;

    private readonly ModuleDict<SparseLinear> sparse;
    private readonly ModuleDict<Linear> dense;
    private readonly ModuleDict<LayerNorm> norms;
    private readonly Parameter bias;
    private readonly (string Block, string Key)[] sparseBlocks;
    private readonly (string Block, string Key, bool Normalise)[] denseBlocks;

    public BlockLinear(string name, FeatureShapes shapes, IEnumerable<string> blocks, long outputs) : base(name)
    {
        var chosen = blocks.Where(shapes.Has).ToList();
        sparseBlocks = chosen.Where(shapes.Sparse.ContainsKey).Select(b => (b, Key(b))).ToArray();
        denseBlocks = chosen.Where(shapes.Dense.ContainsKey).Select(b => (b, Key(b), shapes.Dense[b] >= NormaliseFrom)).ToArray();
        if (sparseBlocks.Length + denseBlocks.Length == 0)
            throw new ArgumentException($"{name} reads none of the feature set's sparse or dense blocks.");

        sparse = nn.ModuleDict(sparseBlocks.Select(b =>
            (b.Key, new SparseLinear(b.Key, shapes.Sparse[b.Block], outputs, hasBias: false))).ToArray());
        dense = nn.ModuleDict(denseBlocks.Select(b => (b.Key, nn.Linear(shapes.Dense[b.Block], outputs, hasBias: false))).ToArray());
        norms = nn.ModuleDict(denseBlocks.Where(b => b.Normalise).Select(b => (b.Key, nn.LayerNorm(shapes.Dense[b.Block]))).ToArray());
        bias = nn.Parameter(zeros(outputs));
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input)
    {
        var sum = bias.expand(input.Rows, -1);
        foreach (var (block, key) in sparseBlocks) sum = sum.Plus(sparse[key].call(input.Sparse[block]));
        foreach (var (block, key, normalise) in denseBlocks)
        {
            var x = input.Dense[block];
            sum = sum.Plus(dense[key].call(normalise ? norms[key].call(x) : x));
        }
        return sum;
    }

    /// <summary>Module names may not contain dots, which block names do.</summary>
    private static string Key(string block) => block.Replace('.', '_');
}
