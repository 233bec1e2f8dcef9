namespace ProductClassifier.Core.Features;

/// <summary>Everything a <see cref="FittedTransform"/> learned from its training products, as saved with a model version.</summary>
internal sealed record FittedTransformState(
    int FormatVersion,
    PreprocessingConfig Config,
    int RuleCount,
    int TrainCount,
    TfIdfColumn[] TfIdf,
    TokenVocabulary? Tokens,
    CategoryColumn[] Categories,
    NumericColumn[] Numerics)
{
    public const int CurrentFormat = 1;
}
