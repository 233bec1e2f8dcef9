using System.Globalization;
using System.Net;
using System.Text;
using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// The learning curves as a self-contained SVG: per strategy the seed-averaged macro-F1 against labels used, a band
/// from the worst to the best seed, and dashed references for the rules and for random's final macro-F1 (the target
/// the label savings are measured against). Hand-written so the CLI needs no charting package.
/// </summary>
public static class LearningCurveChart
{
    private const int Width = 900, Height = 520, Left = 70, Right = 270, Top = 50, Bottom = 60;
    private static readonly string[] Colours = ["#6b7280", "#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2"];

    public static string Svg(SimulationResult result)
    {
        var strategies = result.Curves.Select(p => p.Strategy).Distinct().ToList();
        var target = result.Curves.Any(p => p.Strategy == LabelSavingsCalculator.Baseline)
            ? LabelSavingsCalculator.Averaged(result.Curves.Where(p => p.Strategy == LabelSavingsCalculator.Baseline).ToList())[^1].MacroF1
            : (double?)null;
        var values = result.Curves.Select(p => p.MacroF1).Append(result.RulesMacroF1).ToList();
        var grid = new[] { 0.01, 0.02, 0.05, 0.1 }.First(g => (values.Max() - values.Min()) / g <= 10);
        var (low, high) = (Math.Floor(values.Min() / grid) * grid, Math.Ceiling(values.Max() / grid) * grid);
        if (high - low < grid) high = low + grid;
        var maxLabels = Math.Max(1, result.Curves.Max(p => p.Labels));
        double X(double labels) => Left + labels / maxLabels * (Width - Left - Right);
        double Y(double f1) => Height - Bottom - (f1 - low) / (high - low) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Inv($"<text x=\"{Left}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">Active learning: test macro-F1 against human labels (mean over seeds, band = min–max)</text>\n"));
        Axes(svg, low, high, grid, maxLabels, X, Y);

        Reference(svg, Y(result.RulesMacroF1), $"rules {result.RulesMacroF1:F3}", "#111827");
        if (target is { } t) Reference(svg, Y(t), $"random final {t:F3}", Colours[0]);

        for (var s = 0; s < strategies.Count; s++)
        {
            var colour = ColourOf(strategies[s], s);
            var rounds = result.Curves.Where(p => p.Strategy == strategies[s]).GroupBy(p => p.Round).OrderBy(g => g.Key)
                .Select(g => (Labels: g.Average(p => p.Labels), Mean: g.Average(p => p.MacroF1), Min: g.Min(p => p.MacroF1), Max: g.Max(p => p.MacroF1)))
                .ToList();
            var band = rounds.Select(r => Point(X(r.Labels), Y(r.Max))).Concat(rounds.AsEnumerable().Reverse().Select(r => Point(X(r.Labels), Y(r.Min))));
            svg.Append(Inv($"<polygon points=\"{string.Join(' ', band)}\" fill=\"{colour}\" fill-opacity=\"0.12\" stroke=\"none\"/>\n"));
            svg.Append(Inv($"<polyline class=\"curve\" points=\"{string.Join(' ', rounds.Select(r => Point(X(r.Labels), Y(r.Mean))))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>\n"));
            foreach (var r in rounds) svg.Append(Inv($"<circle cx=\"{X(r.Labels):F1}\" cy=\"{Y(r.Mean):F1}\" r=\"3.5\" fill=\"{colour}\"/>\n"));
            var savings = result.Savings.FirstOrDefault(x => x.Strategy == strategies[s]);
            Legend(svg, s, colour, strategies[s], savings);
            // Where the strategy reaches random's final macro-F1: the label savings, read off the chart.
            if (target is { } reached && savings?.LabelFraction is { } share && savings.Strategy != LabelSavingsCalculator.Baseline)
            {
                var x = X(share * rounds[^1].Labels);
                svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Y(reached):F1}\" x2=\"{x:F1}\" y2=\"{Y(low):F1}\" stroke=\"{colour}\" stroke-dasharray=\"2 3\"/>\n"));
                svg.Append(Inv($"<path d=\"M{x - 6:F1},{Y(reached) - 10:F1} L{x + 6:F1},{Y(reached) - 10:F1} L{x:F1},{Y(reached) - 1:F1} Z\" fill=\"{colour}\"/>\n"));
            }
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static void Axes(StringBuilder svg, double low, double high, double grid, int maxLabels, Func<double, double> x, Func<double, double> y)
    {
        var (x0, x1, y0, y1) = (x(0), x(maxLabels), y(low), y(high));
        for (var v = low; v <= high + 1e-9; v += grid)
        {
            svg.Append(Inv($"<line x1=\"{x0:F1}\" y1=\"{y(v):F1}\" x2=\"{x1:F1}\" y2=\"{y(v):F1}\" stroke=\"#e5e7eb\"/>\n"));
            svg.Append(Inv($"<text x=\"{x0 - 8:F1}\" y=\"{y(v) + 4:F1}\" text-anchor=\"end\">{v:F2}</text>\n"));
        }
        var step = NiceStep(maxLabels);
        for (var l = 0; l <= maxLabels; l += step)
        {
            svg.Append(Inv($"<line x1=\"{x(l):F1}\" y1=\"{y0:F1}\" x2=\"{x(l):F1}\" y2=\"{y0 + 5:F1}\" stroke=\"#374151\"/>\n"));
            svg.Append(Inv($"<text x=\"{x(l):F1}\" y=\"{y0 + 20:F1}\" text-anchor=\"middle\">{l}</text>\n"));
        }
        svg.Append(Inv($"<polyline points=\"{Point(x0, y1)} {Point(x0, y0)} {Point(x1, y0)}\" fill=\"none\" stroke=\"#374151\"/>\n"));
        svg.Append(Inv($"<text x=\"{(x0 + x1) / 2:F1}\" y=\"{y0 + 45:F1}\" text-anchor=\"middle\">human labels used</text>\n"));
        svg.Append(Inv($"<text transform=\"translate(18 {(y0 + y1) / 2:F1}) rotate(-90)\" text-anchor=\"middle\">macro-F1 on the test split (ground truth)</text>\n"));
    }

    private static void Reference(StringBuilder svg, double y, string label, string colour)
    {
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"{colour}\" stroke-dasharray=\"6 4\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width - Right - 4}\" y=\"{y - 5:F1}\" text-anchor=\"end\" fill=\"{colour}\">{WebUtility.HtmlEncode(label)}</text>\n"));
    }

    private static void Legend(StringBuilder svg, int index, string colour, string strategy, LabelSavings? savings)
    {
        var y = Top + 10 + index * 40;
        var x = Width - Right + 20;
        var fraction = savings is null ? "" : savings.LabelFraction is { } f
            ? savings.Strategy == LabelSavingsCalculator.Baseline ? Inv($"final {savings.FinalMacroF1:F3}") : Inv($"{f:P0} of random's labels, final {savings.FinalMacroF1:F3}")
            : Inv($"never reached random, final {savings.FinalMacroF1:F3}");
        svg.Append(Inv($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 22}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n"));
        svg.Append(Inv($"<text x=\"{x + 28}\" y=\"{y + 4}\">{WebUtility.HtmlEncode(strategy)}</text>\n"));
        svg.Append(Inv($"<text x=\"{x + 28}\" y=\"{y + 19}\" fill=\"#6b7280\" font-size=\"11\">{WebUtility.HtmlEncode(fraction)}</text>\n"));
    }

    /// <summary>The same colour for a strategy in every chart; unknown names take the remaining ones in turn.</summary>
    private static string ColourOf(string strategy, int index) => strategy switch
    {
        "random" => Colours[0],
        "uncertainty" => Colours[1],
        "disagreement" => Colours[2],
        "uncertainty-disagreement" => Colours[4],
        _ => Colours[3 + index % (Colours.Length - 3)],
    };

    private static int NiceStep(int max)
    {
        foreach (var step in new[] { 1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000 })
            if (max / step <= 10) return step;
        return Math.Max(1, max / 10);
    }

    private static string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:F1},{y:F1}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
