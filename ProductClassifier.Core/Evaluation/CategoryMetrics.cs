using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Evaluation;

/// <summary>One category's scores on an evaluation set; <see cref="Support"/> = its known positive products there.</summary>
public sealed record CategoryMetrics(string Category, double Precision, double Recall, double F1, double AveragePrecision, int Support)
{
    /// <summary>Tree level (1 = top level).</summary>
    [JsonIgnore] public int Level { get; init; }

    /// <summary>Counted in the macro averages (enough reference-labelled products in the catalogue, and support here).</summary>
    [JsonIgnore] public bool Averaged { get; init; }

    [JsonIgnore] public float Threshold { get; init; }
    [JsonIgnore] public int PredictedPositives { get; init; }
}
