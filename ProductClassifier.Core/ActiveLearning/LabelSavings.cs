namespace ProductClassifier.Core.ActiveLearning;

/// <summary>A strategy's label savings against random sampling.</summary>
/// <param name="LabelFraction">Labels the strategy needed to reach random's final macro-F1, over random's final label count;
/// null when it never got there.</param>
/// <param name="LabelFractionStd">Standard deviation of the per-seed fractions (seeds that never got there are left out).</param>
public sealed record LabelSavings(string Strategy, double? LabelFraction, double? LabelFractionStd, double FinalMacroF1);

/// <summary>
/// Labels needed = the smallest label count at which a strategy's seed-averaged curve reaches random's
/// seed-averaged final macro-F1, interpolating linearly between rounds.
/// </summary>
public static class LabelSavingsCalculator
{
    public const string Baseline = "random";

    public static IReadOnlyList<LabelSavings> Compute(IReadOnlyList<CurvePoint> curves)
    {
        var baseline = Averaged(curves.Where(p => p.Strategy == Baseline).ToList());
        if (baseline.Count == 0) throw new InvalidOperationException("Label savings need the random strategy's curve.");
        var target = baseline[^1].MacroF1;
        var baselineLabels = baseline[^1].Labels;

        return curves.GroupBy(p => p.Strategy).Select(strategy =>
        {
            var averaged = Averaged(strategy.ToList());
            var fraction = strategy.Key == Baseline ? 1.0 : LabelsToReach(averaged, target) / baselineLabels;
            var perSeed = strategy.GroupBy(p => p.Seed)
                .Select(seed => LabelsToReach(Averaged(seed.ToList()), target) / baselineLabels)
                .OfType<double>().ToList();
            double? std = perSeed.Count == 0 ? null : Math.Sqrt(perSeed.Average(f => Math.Pow(f - perSeed.Average(), 2)));
            return new LabelSavings(strategy.Key, fraction, strategy.Key == Baseline ? 0 : std, averaged[^1].MacroF1);
        }).ToList();
    }

    /// <summary>Mean macro-F1 per round over seeds, as (labels, macro-F1) points in round order.</summary>
    public static IReadOnlyList<(int Labels, double MacroF1)> Averaged(IReadOnlyList<CurvePoint> points) =>
        points.GroupBy(p => p.Round).OrderBy(g => g.Key)
            .Select(g => ((int)Math.Round(g.Average(p => p.Labels)), g.Average(p => p.MacroF1))).ToList();

    /// <summary>First label count where the curve reaches <paramref name="target"/>, linearly interpolated; null if never.</summary>
    public static double? LabelsToReach(IReadOnlyList<(int Labels, double MacroF1)> curve, double target)
    {
        if (curve.Count == 0) return null;
        if (curve[0].MacroF1 >= target) return curve[0].Labels;
        for (var i = 1; i < curve.Count; i++)
        {
            var (l0, f0) = curve[i - 1];
            var (l1, f1) = curve[i];
            if (f1 < target) continue;
            return l0 + (l1 - l0) * (target - f0) / (f1 - f0);
        }
        return null;
    }
}
