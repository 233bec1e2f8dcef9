using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// The parameters of the jobs that open a labelling round (<c>open-round</c>) and finish one (<c>fine-tune-round</c>),
/// as the web app, the CLI and auto-continue queue them and the worker reads them.
/// </summary>
public sealed record RoundJobParameters
{
    public string Strategy { get; init; } = QueryStrategy.UncertaintyDisagreement.ToName();
    public int BatchSize { get; init; } = RoundSettings.DefaultBatchSize;

    /// <summary>The base seed of the round's random draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of the batch's items given to two labellers; null: the queue's configured share.</summary>
    public double? OverlapFraction { get; init; }

    /// <summary>For a fine-tune job: open the next round once the new version is active.</summary>
    public bool OpenNext { get; init; } = true;

    public static RoundJobParameters From(RoundSettings settings, bool openNext = true) => new()
    {
        Strategy = settings.Strategy,
        BatchSize = settings.BatchSize,
        Seed = settings.Seed,
        OverlapFraction = settings.OverlapFraction,
        OpenNext = openNext,
    };
}
