using System.Globalization;
using System.Text;

namespace ProductClassifier.Core.ActiveLearning;

/// <summary>
/// A simulation's learning curves as <c>curves.csv</c> (<c>strategy,seed,round,labels,macroF1,microF1</c>): written by
/// <c>./pc simulate</c>, read back by it (<c>--replot</c>) and by the web app's rounds page, which draws a run beside the
/// app's own rounds.
/// </summary>
public static class CurvesCsv
{
    public const string Header = "strategy,seed,round,labels,macroF1,microF1";

    public static string Write(IEnumerable<CurvePoint> curves)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var p in curves)
            csv.Append(CultureInfo.InvariantCulture, $"{p.Strategy},{p.Seed},{p.Round},{p.Labels},{p.MacroF1:F4},{p.MicroF1:F4}\n");
        return csv.ToString();
    }

    /// <param name="source">Names the file in errors.</param>
    /// <exception cref="UserFacingException">Not a curves.csv: the line and field that are not what they should be.</exception>
    public static IReadOnlyList<CurvePoint> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines[0].Trim() != Header)
            throw new UserFacingException($"{source}, line 1: expected the header '{Header}', found '{Truncate(lines[0])}'.");
        var points = new List<CurvePoint>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0) continue;
            var f = lines[n].Split(',');
            if (f.Length != 6) throw new UserFacingException($"{source}, line {n + 1}: expected 6 fields, found {f.Length}.");
            int Int(int i, string field) => int.TryParse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
                : throw new UserFacingException($"{source}, line {n + 1}, field {field}: '{Truncate(f[i])}' is not a whole number of at least 0.");
            double Share(int i, string field) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 ? v
                : throw new UserFacingException($"{source}, line {n + 1}, field {field}: '{Truncate(f[i])}' is not a number between 0 and 1.");
            points.Add(new CurvePoint(f[0].Trim(), Int(1, "seed"), Int(2, "round"), Int(3, "labels"), Share(4, "macroF1"), Share(5, "microF1")));
        }
        return points;
    }

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
