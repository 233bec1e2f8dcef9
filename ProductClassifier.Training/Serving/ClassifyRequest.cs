using System.Text.Json;

namespace ProductClassifier.Training.Serving;

/// <summary>A product to classify, as a shop sends it the moment it arrives.</summary>
/// <param name="Id">The caller's id, echoed back.</param>
/// <param name="Image">The image as base64, or none.</param>
public sealed record ClassifyRequest(string? Id, string? Title, string? Description, string? Brand, double? Price,
    Dictionary<string, JsonElement>? Attributes, string? Image);

public sealed record CategoryScore(string Category, double Probability);

/// <param name="Categories">Categories above their thresholds, deepest and most probable first.</param>
public sealed record ClassifyResult(string? Id, IReadOnlyList<CategoryScore> Categories);

public sealed record ClassifyResponse(string Catalogue, int ModelVersion, IReadOnlyList<ClassifyResult> Results);
