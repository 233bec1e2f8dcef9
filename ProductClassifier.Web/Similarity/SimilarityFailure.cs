using ProductClassifier.Core;

namespace ProductClassifier.Web.Similarity;

/// <summary>A similarity search refused, with the request field at fault and a message for the person who sent it.</summary>
public sealed class SimilarityFailure(SimilarityFailureKind kind, string field, string message) : UserFacingException(message)
{
    public SimilarityFailureKind Kind { get; } = kind;
    public string Field { get; } = field;
}
