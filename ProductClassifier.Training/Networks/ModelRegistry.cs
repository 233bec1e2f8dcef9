using ProductClassifier.Core;
using ProductClassifier.Training.Ensemble;
using static ProductClassifier.Core.Features.FeatureSet;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>The architectures by name: which blocks each reads, its default hyper-parameters, and how to build it.</summary>
public static class ModelRegistry
{
    private sealed record Entry(ModelSpec Spec, Func<ModelSpec, FeatureShapes, nn.Module<ModelInput, Tensor>> Body);

    private static readonly Entry[] Entries =
    [
        // The tf-idf models take big batches: their cost per step is the optimiser's pass over the 20k-row weight
        // table, not the batch, so 1024 rows cost about what 256 do (5× less per epoch, measured).
        new(Make("linear", [TextTfIdf], [], new() { LearningRate = 2e-2, Epochs = 20, BatchSize = 1024 }),
            (spec, shapes) => new BlockLinear(spec.Architecture, shapes, [TextTfIdf], shapes.Categories)),
        new(Make("mlp-tfidf", [TextTfIdf], [], new() { LearningRate = 3e-3, Dropout = 0.3, Epochs = 15, BatchSize = 1024 }),
            (spec, shapes) => new MlpModel(spec, shapes, spec.AllBlocks)),
        new(Make("fasttext", [TextTokens], [], new() { LearningRate = 1e-2, Dropout = 0.1, Epochs = 15 }),
            (spec, shapes) => new FastTextModel(spec, shapes, TextTokens)),
        new(Make("textcnn", [TextTokens], [], new() { LearningRate = 2e-3, Dropout = 0.3, Epochs = 8 }),
            (spec, shapes) => new TextCnnModel(spec, shapes, TextTokens)),
        new(Make("wide-deep", [Categorical], [Numeric], new() { LearningRate = 3e-3, Hidden = 128 }),
            (spec, shapes) => new WideDeepModel(spec, shapes)),
        new(Make("image-mlp", [Image], [ImagePresent], new() { LearningRate = 1e-3, Dropout = 0.3, Epochs = 15 }),
            (spec, shapes) => new MlpModel(spec, shapes, spec.AllBlocks)),
        new(Make("minilm-mlp", [Sentence], [], new() { LearningRate = 1e-3, Epochs = 15 }),
            (spec, shapes) => new MlpModel(spec, shapes, spec.AllBlocks)),
        // The meta-learner weighs members, which see the rule firings already: given the firings itself, it learns to copy
        // the rules it is fitted to and loses the members' view of where the rules are wrong.
        new(Make(MetaLearner.Architecture, [MetaLearner.MembersBlock], [], new() { LearningRate = 3e-2, Epochs = 50, BatchSize = 128, WeightDecay = 0 },
                readsRules: false),
            (spec, shapes) => new MetaLearner(shapes)),
    ];

    /// <summary>The architectures that can be ensemble members (the meta-learner is not one).</summary>
    public static IReadOnlyList<string> MemberNames { get; } =
        Entries.Select(e => e.Spec.Name).Where(n => n != MetaLearner.Architecture).ToArray();

    /// <summary>The default spec of an architecture; every member also reads the rule firings when present.</summary>
    public static ModelSpec Spec(string architecture) =>
        Find(architecture)?.Spec
        ?? throw new UserFacingException($"Unknown model '{architecture}'. Known: {string.Join(", ", MemberNames)}.");

    public static IReadOnlyList<ModelSpec> Specs(IEnumerable<string> architectures) => architectures.Select(Spec).ToList();

    /// <summary>Builds the module; with a seed, its initial weights are reproducible.</summary>
    internal static ProductModel Build(ModelSpec spec, FeatureShapes shapes, long? seed = null)
    {
        var entry = Find(spec.Architecture)
            ?? throw new UserFacingException($"Unknown model architecture '{spec.Architecture}' in model '{spec.Name}'.");
        // Initialisation draws from libtorch's global generator: seeding and drawing must not interleave across threads.
        lock (InitialisationGate)
        {
            if (seed is { } s) manual_seed(s);
            return new ProductModel(entry.Body(spec, shapes), shapes);
        }
    }

    private static readonly Lock InitialisationGate = new();

    private static Entry? Find(string architecture) => Entries.FirstOrDefault(e => e.Spec.Architecture == architecture);

    private static ModelSpec Make(string name, string[] blocks, string[] optional, ModelHyperParameters hyper, bool readsRules = true) =>
        new(name, name, blocks, readsRules ? [.. optional, Rules] : optional, hyper);
}
