using Bunit;
using ProductClassifier.Tests.Web.Labelling;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Tests.Web.Similarity;

public sealed class NeighbourCardTests
{
    private static readonly SimilarItem Item = new(3, 42, "Blue mug", "Acme", ["Home > Mugs"], "/images/42", 0.125f, 0.875f);

    [Fact]
    public async Task Shows_the_neighbour_and_judges_only_in_evaluation_mode()
    {
        await using var ctx = LabellingTestContext.Create();

        var browsing = ctx.Render<NeighbourCard>(p => p.Add(c => c.Item, Item));
        var judging = ctx.Render<NeighbourCard>(p => p.Add(c => c.Item, Item).Add(c => c.Judging, true));

        Assert.Equal("/images/42", browsing.Find("img").GetAttribute("src"));
        Assert.Contains("distance 0.125", browsing.Find("[data-testid=distance]").TextContent);
        Assert.Contains("Home > Mugs", browsing.Markup);
        Assert.Empty(browsing.FindAll("[data-testid=similar]"));
        Assert.Single(judging.FindAll("[data-testid=similar]"));
    }

    [Theory]
    [InlineData(null, "similar", true)]
    [InlineData(null, "not-similar", false)]
    [InlineData(false, "similar", true)]
    [InlineData(true, "similar", null)] // the current verdict clicked again is taken back
    public async Task A_click_reports_the_new_verdict(bool? saved, string button, bool? expected)
    {
        await using var ctx = LabellingTestContext.Create();
        (SimilarItem Item, bool? Verdict)? reported = null;
        var card = ctx.Render<NeighbourCard>(p => p.Add(c => c.Item, Item).Add(c => c.Judging, true).Add(c => c.Verdict, saved)
            .Add(c => c.Judged, judged => reported = judged));

        card.Find($"[data-testid={button}]").Click();

        Assert.Equal((Item, expected), reported);
    }
}
