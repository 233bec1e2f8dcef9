namespace ProductClassifier.Web.Charts;

/// <summary>
/// An axis from <see cref="Min"/> to <see cref="Max"/> with round ticks: the range the data spans, widened to the ticks
/// either side, or a fixed one (F1 and precision live in 0–1 whatever the data).
/// </summary>
public sealed record AxisScale(double Min, double Max, IReadOnlyList<double> Ticks)
{
    /// <summary>0 to 1 in steps of 0.2: scores.</summary>
    public static AxisScale Unit { get; } = Fixed(0, 1, 0.2);

    public static AxisScale Fixed(double min, double max, double step) =>
        new(min, max, Enumerable.Range(0, (int)Math.Round((max - min) / step) + 1).Select(i => Math.Round(min + i * step, 10)).ToArray());

    /// <summary>About <paramref name="ticks"/> round ticks (steps of 1, 2 or 5 × 10ⁿ) covering the values.</summary>
    /// <param name="wholeSteps">Ticks on whole numbers only: counts such as epochs and versions, where "v1.5" means nothing.</param>
    public static AxisScale Fit(IEnumerable<double> values, int ticks = 5, bool wholeSteps = false)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return Fixed(0, 1, 0.2);
        double low = finite.Min(), high = finite.Max();
        if (high - low < 1e-9)
        {
            var pad = Math.Abs(low) > 1e-9 ? Math.Abs(low) * 0.1 : 1;
            (low, high) = (low - pad, high + pad);
        }
        var step = NiceStep((high - low) / Math.Max(1, ticks - 1));
        if (wholeSteps) step = Math.Max(1, step);
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        return Fixed(min, max, step);
    }

    public double Position(double value) => Max - Min < 1e-12 ? 0 : (value - Min) / (Max - Min);

    /// <summary>How a tick reads: as many decimals as the step needs.</summary>
    public string Label(double tick)
    {
        var step = Ticks.Count > 1 ? Ticks[1] - Ticks[0] : 1;
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return tick.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
