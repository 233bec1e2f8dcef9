using ProductClassifier.Core.ActiveLearning;

namespace ProductClassifier.Tests.Core.ActiveLearning;

public sealed class AcquisitionScorerTests
{
    private static readonly AcquisitionOptions Options = new(Aggregation: ScoreAggregation.Max, BalanceCategories: false);

    [Fact]
    public void Disagreement_is_zero_when_members_agree()
    {
        float[] member = [0.1f, 0.7f, 0.5f, 0.99f];
        var scores = AcquisitionScorer.Disagreement([member, (float[])member.Clone(), (float[])member.Clone()], 2, Options);
        Assert.All(scores, s => Assert.Equal(0, s, 9));
    }

    [Fact]
    public void Disagreement_grows_with_the_spread_of_members()
    {
        float[] a = [0.5f, 0.4f], b = [0.5f, 0.6f], c = [0.5f, 0.1f], d = [0.5f, 0.9f];
        var mild = AcquisitionScorer.Disagreement([a, b], 2, Options)[0];
        var strong = AcquisitionScorer.Disagreement([c, d], 2, Options)[0];
        Assert.True(strong > mild && mild > 0);
    }

    [Fact]
    public void Uncertainty_peaks_at_one_half()
    {
        // Three products, one category each: certain no, unsure, certain yes.
        float[] member = [0.01f, 0.5f, 0.99f];
        var scores = AcquisitionScorer.Uncertainty([member], 1, Options);
        Assert.Equal(Math.Log(2), scores[1], 6);
        Assert.True(scores[1] > scores[0] && scores[1] > scores[2]);
    }

    [Theory]
    [InlineData(ScoreAggregation.Max, 0.6931)]
    [InlineData(ScoreAggregation.Mean, 0.3466)]
    [InlineData(ScoreAggregation.TopKSum, 0.6931)]
    public void Aggregation_combines_categories(ScoreAggregation aggregation, double expected)
    {
        // One product, two categories: entropy ln 2 and ~0.
        float[] member = [0.5f, 0f];
        var score = AcquisitionScorer.Uncertainty([member], 2, new AcquisitionOptions(aggregation, TopK: 1, BalanceCategories: false))[0];
        Assert.Equal(expected, score, 3);
    }

    [Fact]
    public void Balancing_lets_a_rare_categorys_doubt_outrank_a_frequent_categorys()
    {
        // Two categories, four products. The ensemble is unsure of category 0 everywhere (p = 0.3) and sure of category 1
        // everywhere except product 3 (p = 0.2, a little less unsure than 0.3). Unbalanced, every product scores alike;
        // balanced, product 3 stands out: its doubt is the only one category 1 has.
        float[] member = [0.3f, 0.001f, 0.3f, 0.001f, 0.3f, 0.001f, 0.3f, 0.2f];
        var plain = AcquisitionScorer.Uncertainty([member], 2, Options);
        Assert.All(plain, s => Assert.Equal(plain[0], s, 9));

        var balanced = AcquisitionScorer.Uncertainty([member], 2, Options with { BalanceCategories = true });
        Assert.True(balanced[3] > 1.2 * balanced[0], $"product 3 {balanced[3]:F3}, others {balanced[0]:F3}");
        Assert.Equal(balanced[0], balanced[1], 9);
    }
}
