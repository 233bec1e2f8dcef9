using ProductClassifier.Core;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// The widths of the blocks a model was built for (and the number of categories). Saved with the model so it can be
/// rebuilt, and checked against every feature set it is asked to score.
/// </summary>
public sealed record FeatureShapes(
    int Categories,
    IReadOnlyDictionary<string, int> Sparse,
    IReadOnlyDictionary<string, int> Dense,
    IReadOnlyDictionary<string, int> Tokens)
{
    public bool Has(string block) => Sparse.ContainsKey(block) || Dense.ContainsKey(block) || Tokens.ContainsKey(block);

    public static FeatureShapes For(ModelSpec spec, FeatureSet features, int categories)
    {
        if (MissingBlock(spec, features) is { } missing)
            throw new UserFacingException($"Model '{spec.Name}' needs the feature block '{missing}', which the feature set lacks.");
        var blocks = spec.AllBlocks.ToHashSet();
        return new FeatureShapes(categories,
            features.Sparse.Where(b => blocks.Contains(b.Key)).ToDictionary(b => b.Key, b => b.Value.Columns),
            features.Dense.Where(b => blocks.Contains(b.Key)).ToDictionary(b => b.Key, b => b.Value.Columns),
            features.Tokens.Where(b => blocks.Contains(b.Key)).ToDictionary(b => b.Key, b => features.TokenVocabularySizes[b.Key]));
    }

    /// <summary>The first required block the feature set lacks, or null when the model can be trained on it.</summary>
    public static string? MissingBlock(ModelSpec spec, FeatureSet features) =>
        spec.Blocks.FirstOrDefault(b => !features.Sparse.ContainsKey(b) && !features.Dense.ContainsKey(b) && !features.Tokens.ContainsKey(b));

    /// <summary>Throws when the feature set was not produced by the same transform the model was trained with.</summary>
    public void EnsureMatches(FeatureSet features, string model)
    {
        foreach (var (block, width) in Sparse) Check(block, width, features.Sparse.GetValueOrDefault(block)?.Columns);
        foreach (var (block, width) in Dense) Check(block, width, features.Dense.GetValueOrDefault(block)?.Columns);
        foreach (var (block, size) in Tokens)
            Check(block, size, features.Tokens.ContainsKey(block) ? features.TokenVocabularySizes[block] : null);

        void Check(string block, int expected, int? actual)
        {
            if (actual != expected)
                throw new UserFacingException(actual is null
                    ? $"Model '{model}' reads the feature block '{block}', which the feature set lacks."
                    : $"Model '{model}' was trained on a '{block}' block {expected} wide; the feature set's is {actual}.");
        }
    }
}
