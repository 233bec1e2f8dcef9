using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class BatchProgressTests
{
    [Fact]
    public async Task Shows_the_batch_the_day_and_the_pace()
    {
        await using var ctx = LabellingTestContext.Create();

        var progress = ctx.Render<BatchProgress>(p => p
            .Add(b => b.Decided, 37).Add(b => b.Total, 200).Add(b => b.DecidedToday, 54)
            .Add(b => b.MeanTimePerItem, TimeSpan.FromSeconds(7.4)));

        Assert.Equal("37 / 200 decided", progress.Find("[data-testid=batch-count]").TextContent);
        Assert.Equal("19%", progress.Find("[data-testid=batch-percent]").TextContent);
        var bar = progress.FindComponent<MudProgressLinear>().Instance;
        Assert.Equal((37.0, 200.0), (bar.GetState(x => x.Value), bar.GetState(x => x.Max)));
        Assert.Contains("54 by you today", progress.Find("[data-testid=today]").TextContent);
        Assert.Contains("7.4 s per item", progress.Find("[data-testid=time-per-item]").TextContent);
        Assert.Contains("about 20 min left", progress.Find("[data-testid=time-left]").TextContent); // 163 × 7.4 s
    }

    [Fact]
    public async Task Says_nothing_of_pace_before_the_first_decision()
    {
        await using var ctx = LabellingTestContext.Create();

        var progress = ctx.Render<BatchProgress>(p => p.Add(b => b.Decided, 0).Add(b => b.Total, 0));

        Assert.Equal("0 / 0 decided", progress.Find("[data-testid=batch-count]").TextContent);
        Assert.Contains("— per item", progress.Find("[data-testid=time-per-item]").TextContent);
        Assert.Empty(progress.FindAll("[data-testid=time-left]"));
    }

    [Theory]
    [InlineData(7.44, "7.4 s")]
    [InlineData(150, "3 min")]
    [InlineData(3 * 3600 + 25 * 60, "3 h 25 min")]
    public void Writes_durations_for_people(double seconds, string expected) =>
        Assert.Equal(expected, BatchProgress.Duration(TimeSpan.FromSeconds(seconds)));
}
