using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class CohensKappaTests
{
    [Theory]
    [InlineData(4, 1, 1, 4, 0.6)] // p₀ 0.8, pₑ 0.5
    [InlineData(20, 5, 10, 15, 0.4)] // p₀ 0.7, pₑ 0.5
    [InlineData(5, 0, 0, 5, 1.0)]
    [InlineData(0, 5, 5, 0, -1.0)]
    public void Matches_worked_examples(int both, int firstOnly, int secondOnly, int neither, double kappa) =>
        Assert.Equal(kappa, CohensKappa.Compute(both, firstOnly, secondOnly, neither)!.Value, precision: 9);

    [Fact]
    public void Is_undefined_when_both_raters_always_give_the_same_single_answer()
    {
        Assert.Null(CohensKappa.Compute(7, 0, 0, 0));
        Assert.Null(CohensKappa.Compute(0, 0, 0, 0));
    }
}
