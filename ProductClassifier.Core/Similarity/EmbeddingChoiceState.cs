namespace ProductClassifier.Core.Similarity;

/// <summary>A catalogue's embedding: the one chosen, the one served (they differ while the chosen one's index is built).</summary>
/// <param name="ChosenBy">Who chose (null: nobody; the configured default applies).</param>
/// <param name="HasLearned">Whether a learned embedding was trained, so it can be chosen.</param>
public sealed record EmbeddingChoiceState(SimilarityEmbedding Chosen, SimilarityEmbedding Served, string? ChosenBy, DateTime? ChosenAt,
    bool HasLearned)
{
    public bool Pending => Chosen != Served;
}
