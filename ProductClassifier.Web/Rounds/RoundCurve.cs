using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Rounds;

/// <summary>The points the rounds page draws: the catalogue's own rounds, and a simulation's curves averaged over seeds.</summary>
public static class RoundCurve
{
    /// <summary>
    /// Ground-truth macro-F1 after each finished round against the human labels by then, starting from the model that
    /// picked round 1 at no label. Empty until a round has finished.
    /// </summary>
    public static IReadOnlyList<CurvePoint2> Of(IReadOnlyList<RoundRow> history)
    {
        var curve = RoundHistory.Curve(history);
        return curve.Any(p => p.Round > 0) ? curve.Select(p => new CurvePoint2(p.Labels, p.MacroF1)).ToList() : [];
    }

    /// <summary>One dashed series per strategy of a simulation run, its seeds averaged round by round.</summary>
    public static IEnumerable<CurveSeries> Simulated(IReadOnlyList<CurvePoint> curves) =>
        curves.GroupBy(p => p.Strategy).Select(strategy =>
        {
            var seeds = strategy.Select(p => p.Seed).Distinct().Count();
            var averaged = LabelSavingsCalculator.Averaged(strategy.ToList()).Select(p => new CurvePoint2(p.Labels, p.MacroF1)).ToList();
            return new CurveSeries($"simulated {strategy.Key}{(seeds > 1 ? $" ({seeds} seeds)" : "")}", averaged, Dashed: true);
        });
}
