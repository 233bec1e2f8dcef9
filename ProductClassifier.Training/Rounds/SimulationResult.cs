using System.Text.Json;
using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Training.Rounds;

/// <summary>A simulation's learning curves and label savings, and how it writes them: curves.csv, summary.json, curves.svg.</summary>
public sealed record SimulationResult(double RulesMacroF1, IReadOnlyList<CurvePoint> Curves, IReadOnlyList<LabelSavings> Savings,
    TimeSpan Preparation, TimeSpan Rounds)
{
    public const string CurvesFile = "curves.csv";
    public const string SummaryFile = "summary.json";
    public const string ChartFile = "curves.svg";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the three files into <paramref name="folder"/> (created when missing).</summary>
    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, CurvesFile), CurvesCsv(), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, SummaryFile), SummaryJson(), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, ChartFile), LearningCurveChart.Svg(this), ct);
    }

    public string CurvesCsv() => Core.ActiveLearning.CurvesCsv.Write(Curves);

    public string SummaryJson() => JsonSerializer.Serialize(new
    {
        rulesMacroF1 = Math.Round(RulesMacroF1, 4),
        strategies = Savings.Select(s => new
        {
            strategy = s.Strategy,
            labelFraction = Round(s.LabelFraction),
            labelFractionStd = Round(s.LabelFractionStd),
            finalMacroF1 = Math.Round(s.FinalMacroF1, 4),
        }),
        preparationSeconds = Math.Round(Preparation.TotalSeconds, 1),
        roundsSeconds = Math.Round(Rounds.TotalSeconds, 1),
    }, Json);

    /// <summary>A result written earlier (curves.csv and summary.json), so its summary and chart can be drawn again.</summary>
    public static SimulationResult Read(string folder)
    {
        var curvesPath = Path.Combine(folder, CurvesFile);
        var summaryPath = Path.Combine(folder, SummaryFile);
        if (!File.Exists(curvesPath) || !File.Exists(summaryPath))
            throw new Core.UserFacingException($"{folder} holds no {CurvesFile} and {SummaryFile} of an earlier simulation.");
        var curves = Core.ActiveLearning.CurvesCsv.Parse(File.ReadAllText(curvesPath), curvesPath);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var root = summary.RootElement;
        double Seconds(string name) => root.TryGetProperty(name, out var v) ? v.GetDouble() : 0;
        var savings = curves.Any(p => p.Strategy == LabelSavingsCalculator.Baseline) ? LabelSavingsCalculator.Compute(curves) : [];
        return new SimulationResult(root.GetProperty("rulesMacroF1").GetDouble(), curves, savings,
            TimeSpan.FromSeconds(Seconds("preparationSeconds")), TimeSpan.FromSeconds(Seconds("roundsSeconds")));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
