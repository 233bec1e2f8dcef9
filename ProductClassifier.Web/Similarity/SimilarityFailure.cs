using ProductClassifier.Core;

namespace ProductClassifier.Web.Similarity;

/// <summary>Why a similarity search could not run; the API turns each into its status code.</summary>
public enum SimilarityFailureKind { UnknownCatalogue, UnknownProduct, NoEmbedding, BadParameter }

/// <summary>A similarity search refused, with the request field at fault and a message for the person who sent it.</summary>
public sealed class SimilarityFailure(SimilarityFailureKind kind, string field, string message) : UserFacingException(message)
{
    public SimilarityFailureKind Kind { get; } = kind;
    public string Field { get; } = field;
}
