namespace ProductClassifier.Training.Ensemble;

/// <summary>Probabilities, row-major [rows × categories], of every member and of both ensembles.</summary>
/// <param name="Meta">The stacked meta-learner's, or null when the ensemble has none.</param>
public sealed record EnsemblePrediction(int Categories, IReadOnlyDictionary<string, float[]> Members, float[] Average, float[]? Meta)
{
    /// <summary>What the system serves: the meta-learner when there is one, else the average.</summary>
    public float[] Ensemble => Meta ?? Average;
}
