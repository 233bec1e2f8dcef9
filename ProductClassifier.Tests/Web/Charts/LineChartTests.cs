using Bunit;
using MudBlazor.Services;
using ProductClassifier.Web.Charts;

namespace ProductClassifier.Tests.Web.Charts;

/// <summary>Charts that read: axes scaled to the data or to 0–1 for scores, and one legend entry per group that hides its lines.</summary>
public sealed class LineChartTests
{
    private static IReadOnlyList<string> TickLabels(IRenderedComponent<LineChart> chart, string axis) =>
        chart.FindAll($"text[data-axis={axis}]").Select(t => t.TextContent).ToList();

    private static BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        return ctx;
    }

    [Fact]
    public void A_loss_near_one_gets_an_axis_over_its_own_range_not_from_zero_to_twenty()
    {
        using var ctx = Context();
        var loss = new LineSeries("fasttext training loss", "fasttext", [new(1, 1.12), new(2, 0.93), new(3, 0.81)]);

        var chart = ctx.Render<LineChart>(p => p.Add(c => c.Series, [loss]));

        Assert.Equal(["0.8", "0.9", "1.0", "1.1", "1.2"], TickLabels(chart, "y"));
        // Epochs are whole numbers: no tick at epoch 1.5.
        Assert.Equal(["1", "2", "3"], TickLabels(chart, "x"));
    }

    [Fact]
    public void An_x_axis_of_fractions_keeps_its_fractional_ticks()
    {
        using var ctx = Context();
        var curve = new LineSeries("recall", "recall", [new(0.1, 0.5), new(0.2, 0.6), new(0.3, 0.7)]);

        var chart = ctx.Render<LineChart>(p => p.Add(c => c.Series, [curve]));

        Assert.Contains("0.15", TickLabels(chart, "x"));
    }

    [Fact]
    public void Scores_keep_the_unit_axis_whatever_their_range()
    {
        using var ctx = Context();
        var f1 = new LineSeries("linear validation micro-F1", "linear", [new(1, 0.62), new(2, 0.64)]);

        var chart = ctx.Render<LineChart>(p => p.Add(c => c.Series, [f1]).Add(c => c.YScale, AxisScale.Unit));

        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], TickLabels(chart, "y"));
    }

    [Fact]
    public async Task Clicking_a_members_legend_entry_hides_its_lines_and_rescales_to_the_rest()
    {
        using var ctx = Context();
        Series[] series =
        [
            new("fasttext training loss", "fasttext", [new(1, 9.0), new(2, 8.0)]),
            new("fasttext validation loss", "fasttext", [new(1, 9.5), new(2, 8.5)]),
            new("linear training loss", "linear", [new(1, 0.5), new(2, 0.4)]),
        ];
        var chart = ctx.Render<LineChart>(p => p.Add(c => c.Series, series.Select(s => s.Line).ToList()));
        Assert.Equal(["fasttext", "linear"], chart.FindAll(".chart-legend-item").Select(b => b.TextContent.Trim()));
        Assert.Equal(3, chart.FindAll("g.chart-line").Count);

        await chart.Find(".chart-legend-item[data-group=fasttext]").ClickAsync(new());

        Assert.Equal(["linear training loss"], chart.FindAll("g.chart-line").Select(g => g.GetAttribute("data-series")));
        Assert.Equal("false", chart.Find(".chart-legend-item[data-group=fasttext]").GetAttribute("aria-pressed"));
        Assert.Equal("0.40", TickLabels(chart, "y")[0]); // the linear loss fills the axis now
        await chart.Find(".chart-legend-item[data-group=fasttext]").ClickAsync(new());
        Assert.Equal(3, chart.FindAll("g.chart-line").Count);
    }

    private sealed record Series(string Name, string Group, ChartPoint[] Points)
    {
        public LineSeries Line => new(Name, Group, Points);
    }
}
