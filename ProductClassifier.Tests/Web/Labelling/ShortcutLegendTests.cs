using Bunit;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class ShortcutLegendTests
{
    [Fact]
    public async Task Lists_every_shortcut_with_its_keys()
    {
        await using var ctx = LabellingTestContext.Create();

        var legend = ctx.Render<ShortcutLegend>();

        var entries = legend.FindAll(".shortcut-legend-entry")
            .Select(e => string.Join(" ", e.QuerySelectorAll("kbd").Select(k => k.TextContent)) + ": " + e.QuerySelector(".shortcut-legend-text")!.TextContent)
            .ToList();
        Assert.Equal(
        [
            "Enter: Accept and next", "1–9: Toggle suggestion", "/: Search categories", "S: Skip",
            "U ⌫: Undo last decision", "← →: Previous / next", "Esc: Leave the search box",
        ], entries);
    }
}
