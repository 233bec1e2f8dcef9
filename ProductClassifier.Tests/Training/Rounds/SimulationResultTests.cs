using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Training.Rounds;

namespace ProductClassifier.Tests.Training.Rounds;

public sealed class SimulationResultTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-simulation-result-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SimulationResult Example()
    {
        List<CurvePoint> curves =
        [
            new("random", 1, 0, 0, 0.60, 0.70), new("random", 1, 1, 100, 0.64, 0.72), new("random", 1, 2, 200, 0.66, 0.74),
            new("uncertainty", 1, 0, 0, 0.60, 0.70), new("uncertainty", 1, 1, 100, 0.70, 0.75), new("uncertainty", 1, 2, 200, 0.74, 0.78),
        ];
        return new SimulationResult(0.62, curves, LabelSavingsCalculator.Compute(curves), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task Reading_written_files_gives_back_the_curves_and_the_savings()
    {
        var written = Example();
        await written.WriteAsync(_folder, CancellationToken.None);

        var read = SimulationResult.Read(_folder);

        Assert.Equal(written.Curves, read.Curves);
        Assert.Equal(written.RulesMacroF1, read.RulesMacroF1);
        Assert.Equal(written.Savings.Select(s => s.LabelFraction), read.Savings.Select(s => s.LabelFraction));
        // uncertainty reaches random's final 0.66 at 60 labels: 60 / 200.
        Assert.Equal(0.3, read.Savings.Single(s => s.Strategy == "uncertainty").LabelFraction!.Value, 6);
    }

    [Fact]
    public void The_chart_marks_where_a_strategy_reaches_random()
    {
        var chart = LearningCurveChart.Svg(Example());

        Assert.Contains("30 % of random", chart);
        Assert.Contains("rules 0.620", chart);
        Assert.Contains("random final 0.660", chart);
    }
}
