using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// How a catalogue's next labelling rounds are opened, and whether they follow one another by themselves: with
/// <see cref="AutoContinue"/>, a round whose batch is fully decided is fine-tuned and the next one opened with these
/// settings, without anyone pressing a button.
/// </summary>
public sealed class RoundSettings
{
    public int CatalogueId { get; set; }
    public bool AutoContinue { get; set; }
    public string Strategy { get; set; } = QueryStrategy.UncertaintyDisagreement.ToName();
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>The share of each batch's items given to two labellers, for agreement.</summary>
    public double OverlapFraction { get; set; } = DefaultOverlapFraction;

    public int Seed { get; set; } = 1;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public const int DefaultBatchSize = 100;
    public const double DefaultOverlapFraction = 0.1;
}
