using System.Text.Json;

namespace ProductClassifier.Web.Rounds;

/// <summary>A model version's served ensemble against the ground truth of the test products.</summary>
public sealed record VersionFigures(double MacroF1, double MicroF1)
{
    /// <summary>From a version's stored evaluation (the <c>./pc evaluate --json</c> shape); null when it holds no ground truth.</summary>
    public static VersionFigures? Parse(string? metricsJson)
    {
        if (string.IsNullOrWhiteSpace(metricsJson)) return null;
        using var json = JsonDocument.Parse(metricsJson);
        if (!json.RootElement.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array) return null;
        foreach (var model in models.EnumerateArray())
            if (model.TryGetProperty("model", out var name) && name.GetString() == "ensemble"
                && model.TryGetProperty("sets", out var sets) && sets.TryGetProperty("groundTruth", out var truth)
                && truth.TryGetProperty("macroF1", out var macro) && truth.TryGetProperty("microF1", out var micro))
                return new VersionFigures(macro.GetDouble(), micro.GetDouble());
        return null;
    }
}
