using System.Text.Json;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Tests.Training.Rounds;

public sealed class SimulationRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-simulate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<SimulationResult> SimulateAsync(SimulationOptions options)
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(300, Seed: 5));
        var corpus = await DatasetCorpusLoader.LoadAsync(summary.Folder);
        var runner = new SimulationRunner(options);
        using var setup = await runner.PrepareAsync(corpus, PreprocessingConfig.Defaults(), NullMetricsSink.Instance, CancellationToken.None);
        return await runner.RunAsync(setup, null, CancellationToken.None);
    }

    private static SimulationOptions Tiny(int pool, int rounds = 2) => new()
    {
        Strategies = [QueryStrategy.Random, QueryStrategy.UncertaintyDisagreement],
        Rounds = rounds,
        BatchSize = 10,
        Seeds = 1,
        Pool = pool,
        Models = ["linear", "wide-deep"],
        Tuning = RoundTuning.Default with { Replay = 50, Epochs = 2 },
        Device = "cpu",
    };

    [Fact]
    public async Task Writes_curves_summary_and_chart_with_labels_growing_by_the_batch()
    {
        var result = await SimulateAsync(Tiny(pool: 80));
        var output = Path.Combine(_folder, "out");
        await result.WriteAsync(output, CancellationToken.None);

        var lines = File.ReadAllLines(Path.Combine(output, SimulationResult.CurvesFile));
        Assert.Equal("strategy,seed,round,labels,macroF1,microF1", lines[0]);
        Assert.Equal(2 * 3, lines.Length - 1);
        foreach (var strategy in new[] { "random", "uncertainty-disagreement" })
        {
            var rows = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[0] == strategy).ToList();
            Assert.Equal(["0", "1", "2"], rows.Select(f => f[2]));
            Assert.Equal(["0", "10", "20"], rows.Select(f => f[3]));
            Assert.All(rows, f => Assert.InRange(double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, SimulationResult.SummaryFile)));
        Assert.InRange(summary.RootElement.GetProperty("rulesMacroF1").GetDouble(), 0.01, 1);
        var strategies = summary.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(["random", "uncertainty-disagreement"], strategies.Select(s => s.GetProperty("strategy").GetString()));
        Assert.Equal(1.0, strategies[0].GetProperty("labelFraction").GetDouble());
        Assert.All(strategies, s => Assert.True(s.TryGetProperty("labelFractionStd", out _) && s.TryGetProperty("finalMacroF1", out _)));

        var chart = File.ReadAllText(Path.Combine(output, SimulationResult.ChartFile));
        Assert.StartsWith("<svg", chart);
        Assert.Contains("uncertainty-disagreement", chart);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(chart, "class=\"curve\"").Count);
    }

    [Fact]
    public async Task Never_picks_a_labelled_product_again_even_when_the_pool_runs_out()
    {
        // A pool of 25 and batches of 10: the third round can only get the 5 products left.
        var result = await SimulateAsync(Tiny(pool: 25, rounds: 4));

        foreach (var strategy in result.Curves.GroupBy(p => p.Strategy))
            Assert.Equal([0, 10, 20, 25, 25], strategy.OrderBy(p => p.Round).Select(p => p.Labels));
    }
}
