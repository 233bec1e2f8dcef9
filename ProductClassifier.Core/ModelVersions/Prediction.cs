namespace ProductClassifier.Core.ModelVersions;

/// <summary>A product's latest predicted categories (ancestors included) from the model version that scored it.</summary>
public sealed class Prediction
{
    public long ProductId { get; set; }
    public int ModelVersionId { get; set; }

    /// <summary>Categories above their thresholds, most probable first, as JSON: <c>[{"categoryId", "path", "probability"}]</c>.</summary>
    public string Categories { get; set; } = "[]";
    public DateTime PredictedAt { get; set; } = DateTime.UtcNow;
}
