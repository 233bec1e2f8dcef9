using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Tests.Core.Labelling;

/// <summary><c>./pc round status --simulation curves.csv</c>: the app's rounds beside a simulation's, round by round.</summary>
public sealed class RoundHistoryComparisonTests
{
    private static RoundRow Row(int round, string strategy, int labels, double before, double? after) =>
        new(round, round, strategy, new DateTime(2026, 12, round, 0, 0, 0, DateTimeKind.Utc), after is null ? null : DateTime.UtcNow,
            100, after is null ? 40 : 100, labels, round, new VersionFigures(before, 0.8), after is null ? null : round + 1,
            after is { } a ? new VersionFigures(a, 0.85) : null);

    [Fact]
    public void Each_finished_round_meets_the_simulations_same_round_of_its_strategy_averaged_over_seeds()
    {
        IReadOnlyList<RoundRow> rows =
        [
            Row(1, "uncertainty", 100, 0.60, 0.65),
            Row(2, "random", 200, 0.65, 0.70),
            Row(3, "random", 200, 0.70, null),
        ];
        IReadOnlyList<CurvePoint> simulated =
        [
            new("uncertainty", 1, 0, 0, 0.58, 0.7), new("uncertainty", 2, 0, 0, 0.62, 0.7),
            new("uncertainty", 1, 1, 100, 0.66, 0.7), new("uncertainty", 2, 1, 100, 0.68, 0.7),
            new("random", 1, 1, 100, 0.50, 0.7), new("random", 1, 3, 300, 0.99, 0.7),
        ];

        var comparison = RoundHistory.AgainstSimulation(rows, simulated);

        Assert.Equal([0, 1, 2], comparison.Select(c => c.Round));
        Assert.Equal([0, 100, 200], comparison.Select(c => c.Labels));
        Assert.Equal([0.60, 0.65, 0.70], comparison.Select(c => c.AppMacroF1));
        Assert.Equal(0.60, comparison[0].SimulatedMacroF1!.Value, 6);
        Assert.Equal(0.67, comparison[1].SimulatedMacroF1!.Value, 6);
        Assert.Equal(-2.0, comparison[1].DifferencePoints!.Value, 6);
        // The simulation ran random for rounds 1 and 3 only: round 2 has nothing to meet.
        Assert.Null(comparison[2].SimulatedMacroF1);
        Assert.Null(comparison[2].DifferencePoints);
    }

    [Fact]
    public void Without_a_finished_round_only_the_starting_version_is_compared()
    {
        var comparison = RoundHistory.AgainstSimulation([Row(1, "random", 0, 0.61, null)], [new("random", 1, 0, 0, 0.60, 0.7)]);

        var start = Assert.Single(comparison);
        Assert.Equal(1.0, start.DifferencePoints!.Value, 6);
    }
}
