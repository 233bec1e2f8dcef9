namespace ProductClassifier.Training.Networks;

/// <summary>
/// What to train: a named member, its architecture, the feature blocks it must have and those it reads when present,
/// and its hyper-parameters. <see cref="ModelRegistry.Spec"/> gives each architecture's defaults; <c>with</c> varies them.
/// </summary>
public sealed record ModelSpec(
    string Name,
    string Architecture,
    IReadOnlyList<string> Blocks,
    IReadOnlyList<string> OptionalBlocks,
    ModelHyperParameters Hyper)
{
    public IEnumerable<string> AllBlocks => Blocks.Concat(OptionalBlocks);
}
