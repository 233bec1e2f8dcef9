using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Training.Serving;

/// <summary>What one request to the classify API may hold, and how often a key may call it; section <c>ClassifyApi</c>.</summary>
public sealed class ClassifyApiOptions
{
    public const string Section = "ClassifyApi";

    /// <summary>Products in one request: a feed belongs to <c>./pc jobs predict</c>, not to one request.</summary>
    [Range(1, 10_000)]
    public int MaxProducts { get; set; } = 100;

    /// <summary>The request body, images (base64) included.</summary>
    [Range(typeof(long), "1024", "1073741824")]
    public long MaxRequestBytes { get; set; } = 32L << 20;

    /// <summary>One decoded image.</summary>
    [Range(typeof(long), "1", "67108864")]
    public long MaxImageBytes { get; set; } = 10L << 20;

    /// <summary>One image's width × height, read from its header before anything is decoded.</summary>
    [Range(typeof(long), "1", "40000000")]
    public long MaxImagePixels { get; set; } = 25_000_000;

    /// <summary>Requests one key may make per <see cref="RateWindow"/>; more are answered 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerKey { get; set; } = 120;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);
}
