namespace ProductClassifier.Web.Similarity;

/// <summary>Why a similarity search could not run; the API turns each into its status code.</summary>
public enum SimilarityFailureKind
{
    UnknownCatalogue,
    UnknownProduct,
    NoEmbedding,
    BadParameter,

    /// <summary>The request needs labels the caller does not see (<see cref="Access.LabelVisibility"/>): 403.</summary>
    LabelsHidden,
}
