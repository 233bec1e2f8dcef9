using ProductClassifier.Core;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Web.Rounds;

namespace ProductClassifier.Tests.Web.Rounds;

/// <summary>The rounds page's curve: the app's rounds against human labels, and a simulation's curves.csv beside them.</summary>
public sealed class RoundCurveTests
{
    private static RoundRow Row(int round, int labels, VersionFigures? before, VersionFigures? after) =>
        new(round, round, "random", new DateTime(2026, 12, round, 0, 0, 0, DateTimeKind.Utc), after is null ? null : DateTime.UtcNow,
            100, after is null ? 40 : 100, labels, round, before, after is null ? null : round + 1, after);

    [Fact]
    public void The_apps_curve_starts_at_the_model_that_picked_round_1_and_adds_each_finished_round_at_its_labels_so_far()
    {
        IReadOnlyList<RoundRow> history =
        [
            Row(1, 100, new VersionFigures(0.61, 0.80), new VersionFigures(0.66, 0.82)),
            Row(2, 195, new VersionFigures(0.66, 0.82), new VersionFigures(0.70, 0.85)),
            Row(3, 195, new VersionFigures(0.70, 0.85), null),
        ];

        Assert.Equal([new CurvePoint2(0, 0.61), new CurvePoint2(100, 0.66), new CurvePoint2(195, 0.70)], RoundCurve.Of(history));
        Assert.Empty(RoundCurve.Of([Row(1, 0, new VersionFigures(0.61, 0.80), null)]));
    }

    [Fact]
    public void A_simulation_is_drawn_dashed_one_line_per_strategy_its_seeds_averaged_round_by_round()
    {
        var csv = CurvesCsv.Write(
        [
            new CurvePoint("random", 1, 0, 0, 0.50, 0.70), new CurvePoint("random", 1, 1, 100, 0.60, 0.75),
            new CurvePoint("random", 2, 0, 0, 0.70, 0.80), new CurvePoint("random", 2, 1, 100, 0.80, 0.85),
            new CurvePoint("uncertainty", 1, 0, 0, 0.50, 0.70), new CurvePoint("uncertainty", 1, 1, 100, 0.90, 0.95),
        ]);

        var series = RoundCurve.Simulated(CurvesCsv.Parse(csv, "curves.csv")).ToList();

        Assert.Equal(["simulated random (2 seeds)", "simulated uncertainty"], series.Select(s => s.Name));
        Assert.All(series, s => Assert.True(s.Dashed));
        Assert.Equal([0.0, 100.0], series[0].Points.Select(p => p.Labels));
        Assert.Equal([0.60, 0.70], series[0].Points.Select(p => Math.Round(p.MacroF1, 4)));
        Assert.Equal([0.50, 0.90], series[1].Points.Select(p => Math.Round(p.MacroF1, 4)));
    }

    [Theory]
    [InlineData("labels,macroF1\n100,0.5\n", "run.csv, line 1: expected the header")]
    [InlineData(CurvesCsv.Header + "\nrandom,1,0,0,0.5\n", "run.csv, line 2: expected 6 fields, found 5")]
    [InlineData(CurvesCsv.Header + "\nrandom,1,0,0,0.5,0.7\nrandom,1,1,100,1.7,0.8\n", "run.csv, line 3, field macroF1: '1.7' is not a number between 0 and 1")]
    [InlineData(CurvesCsv.Header + "\nrandom,one,0,0,0.5,0.7\n", "run.csv, line 2, field seed: 'one' is not a whole number")]
    public void A_file_that_is_not_a_curves_csv_is_refused_naming_the_line_and_field(string text, string expected)
    {
        var error = Assert.Throws<UserFacingException>(() => CurvesCsv.Parse(text, "run.csv"));

        Assert.Contains(expected, error.Message);
    }
}
