using ProductClassifier.Training.Pipeline;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary>The evaluation report as a table: one row per model, macro/micro F1 on both sets, then per level.</summary>
internal static class EvaluationTable
{
    public static void Print(EvaluationReport report)
    {
        var table = new Table().Title("test products: macro-F1 / micro-F1")
            .AddColumns("model", "rule test macro", "rule test micro", "ground truth macro", "ground truth micro", "ground truth per level (macro)");
        foreach (var model in report.Models)
        {
            var rule = model.Sets[EvaluationReport.RuleTest];
            var truth = model.Sets[EvaluationReport.GroundTruth];
            table.AddRow(model.Model, $"{rule.MacroF1:F3}", $"{rule.MicroF1:F3}", $"{truth.MacroF1:F3}", $"{truth.MicroF1:F3}",
                string.Join("  ", truth.Levels.Select(l => $"L{l.Level} {l.MacroF1:F3}")));
        }
        AnsiConsole.Write(table);
    }
}
