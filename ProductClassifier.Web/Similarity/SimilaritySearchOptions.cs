using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Web.Similarity;

/// <summary>The <c>SimilaritySearch</c> section: limits of the similarity page and API.</summary>
public sealed class SimilaritySearchOptions
{
    public const string Section = "SimilaritySearch";

    /// <summary>Largest image accepted by <c>POST /api/similar</c> and the page's upload (default 10 MiB).</summary>
    [Range(1024, 64L << 20)] public long MaxUploadBytes { get; set; } = 10L << 20;

    /// <summary>Most neighbours one search may ask for.</summary>
    [Range(1, 1000)] public int MaxK { get; set; } = 100;

    /// <summary>ResNet18 sessions featurising uploads side by side (each loads its own copy of the model, at the first upload).</summary>
    [Range(1, 64)] public int FeaturizerSessions { get; set; } = 2;
}
