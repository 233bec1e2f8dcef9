using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class LabelSavingsTests
{
    private static IEnumerable<CurvePoint> Curve(string strategy, int seed, params double[] macroF1) =>
        macroF1.Select((f, round) => new CurvePoint(strategy, seed, round, round * 100, f, f));

    [Fact]
    public void Fraction_interpolates_between_rounds_against_randoms_final_score()
    {
        // random ends at 0.60 after 300 labels; the strategy passes 0.60 halfway between 100 and 200 labels.
        var curves = Curve("random", 1, 0.50, 0.53, 0.57, 0.60)
            .Concat(Curve("uncertainty", 1, 0.50, 0.55, 0.65, 0.70)).ToList();

        var savings = LabelSavingsCalculator.Compute(curves).ToDictionary(s => s.Strategy);

        Assert.Equal(1.0, savings["random"].LabelFraction);
        Assert.Equal(150.0 / 300, savings["uncertainty"].LabelFraction!.Value, 9);
        Assert.Equal(0.70, savings["uncertainty"].FinalMacroF1, 9);
    }

    [Fact]
    public void Never_reaching_randoms_score_gives_null()
    {
        var curves = Curve("random", 1, 0.5, 0.6).Concat(Curve("disagreement", 1, 0.5, 0.55)).ToList();
        Assert.Null(LabelSavingsCalculator.Compute(curves).Single(s => s.Strategy == "disagreement").LabelFraction);
    }

    [Fact]
    public void Spread_is_over_per_seed_fractions()
    {
        var curves = Curve("random", 1, 0.5, 0.6).Concat(Curve("random", 2, 0.5, 0.6))
            .Concat(Curve("uncertainty", 1, 0.5, 0.7)) // reaches 0.6 at 50 labels: 0.5
            .Concat(Curve("uncertainty", 2, 0.5, 0.6)) // reaches 0.6 at 100 labels: 1.0
            .ToList();
        var s = LabelSavingsCalculator.Compute(curves).Single(x => x.Strategy == "uncertainty");
        Assert.Equal(0.25, s.LabelFractionStd!.Value, 9);
    }
}
