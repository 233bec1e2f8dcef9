namespace ProductClassifier.Core.Features;

/// <summary>
/// The model inputs of a set of products, as named blocks: the fitted transform produces them, the models pick
/// the blocks they read. Well-known names: <see cref="TextTfIdf"/>, <see cref="TextTokens"/>,
/// <see cref="Categorical"/>, <see cref="Numeric"/>, <see cref="Image"/>, <see cref="ImagePresent"/>,
/// <see cref="Sentence"/>, <see cref="Rules"/>.
/// </summary>
public sealed class FeatureSet(int count)
{
    public const string TextTfIdf = "text.tfidf";
    public const string TextTokens = "text.tokens";
    public const string Categorical = "categorical";
    public const string Numeric = "numeric";
    public const string Image = "image";
    public const string ImagePresent = "image.present";
    public const string Sentence = "sentence";
    public const string Rules = "rules";

    public int Count { get; } = count;
    public Dictionary<string, SparseRows> Sparse { get; } = [];
    public Dictionary<string, DenseRows> Dense { get; } = [];

    /// <summary>Token id sequences (0 = padding, 1 = unknown), one array per product.</summary>
    public Dictionary<string, int[][]> Tokens { get; } = [];

    /// <summary>Vocabulary size of each token block, for embedding tables.</summary>
    public Dictionary<string, int> TokenVocabularySizes { get; } = [];
}
