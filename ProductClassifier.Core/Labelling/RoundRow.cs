namespace ProductClassifier.Core.Labelling;

/// <summary>One labelling round as the history lists it: what picked it, how far it got, and the model before and after.</summary>
/// <param name="Labels">Products with a human label once the round is over (all rounds so far, this one included).</param>
/// <param name="Before">The picking version's ground-truth figures; null when it has none.</param>
/// <param name="After">The fine-tuned version's; null while the round is open.</param>
public sealed record RoundRow(long BatchId, int Round, string Strategy, DateTime OpenedAt, DateTime? FinishedAt, int Items, int Decided,
    int Labels, int? BeforeVersion, VersionFigures? Before, int? AfterVersion, VersionFigures? After)
{
    public bool IsOpen => FinishedAt is null;
}
