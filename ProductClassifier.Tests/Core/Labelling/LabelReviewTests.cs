using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabelReviewTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>Ten overlap items. Shirts: both on 0–3, ann alone on 4, bob alone on 5 (κ = 0.6). Shoes: both on 6–7,
    /// bob alone on 8–9 (p₀ = 0.8, pₑ = 0.2·0.4 + 0.8·0.6 = 0.56, κ = 0.24 / 0.44).</summary>
    private static readonly Dictionary<string, (int[] Shirts, int[] Shoes)> Plan = new()
    {
        ["ann"] = ([0, 1, 2, 3, 4], [6, 7]),
        ["bob"] = ([0, 1, 2, 3, 5], [6, 7, 8, 9]),
    };

    [Fact]
    public async Task Kappa_per_category_matches_a_worked_example()
    {
        var round = await LabelTenItemsAsync();

        var report = await round.Review().AgreementAsync(round.CatalogueId);

        Assert.NotNull(report);
        Assert.Equal((round.BatchId, 10, 6), (report.BatchId, report.Items, report.Agreed));
        Assert.Equal(["Shoes", "Shirts"], report.Categories.Select(c => c.Category.Path));
        var (shoes, shirts) = (report.Categories[0], report.Categories[1]);
        Assert.Equal((4, 1, 1, 4), (shirts.BothPositive, shirts.FirstOnly, shirts.SecondOnly, shirts.Neither));
        Assert.Equal(0.6, shirts.Kappa!.Value, precision: 9);
        Assert.Equal((2, 0, 2, 6), (shoes.BothPositive, shoes.FirstOnly, shoes.SecondOnly, shoes.Neither));
        Assert.Equal(0.24 / 0.44, shoes.Kappa!.Value, precision: 9);
        Assert.Equal((0.6 + 0.24 / 0.44) / 2, report.MeanKappa!.Value, precision: 9);
    }

    [Fact]
    public async Task Conflicts_list_the_disagreements_unresolved_first()
    {
        var round = await LabelTenItemsAsync();
        var review = round.Review();

        await review.ResolveAsync("admin", round.Products[4], [round.Categories["Shoes"]]);
        var conflicts = await review.ConflictsAsync(round.CatalogueId);

        Assert.Equal(new[] { 5, 8, 9, 4 }.Select(i => round.Products[i]), conflicts.Select(c => c.ProductId));
        Assert.All(conflicts.Take(3), c => Assert.Null(c.Resolution));
        var resolved = conflicts[3];
        Assert.Equal(("ann", "bob", "admin"), (resolved.First.Labeller, resolved.Second.Labeller, resolved.Resolution!.Labeller));
        Assert.Equal(["Shoes"], resolved.Resolution.Categories.Select(c => c.Path));
        Assert.Equal(["Shirts"], resolved.First.Categories.Select(c => c.Path));
        Assert.Empty(resolved.Second.Categories);
    }

    private async Task<TestRound> LabelTenItemsAsync()
    {
        var round = await TestRound.CreateAsync(database, items: 10, overlap: 1.0, categories: ["Shirts", "Shoes"]);
        var queue = round.Queue();
        foreach (var (labeller, (shirts, shoes)) in Plan)
            for (var i = 0; i < 10; i++)
            {
                var item = await queue.NextAsync(round.CatalogueId, labeller);
                Assert.Equal(round.Products[i], item!.Product.Id);
                int[] chosen = [.. shirts.Contains(i) ? [round.Categories["Shirts"]] : Array.Empty<int>(),
                    .. shoes.Contains(i) ? [round.Categories["Shoes"]] : Array.Empty<int>()];
                await queue.DecideAsync(labeller, item.Product.Id, chosen);
                round.Clock.Advance(TimeSpan.FromSeconds(3));
            }
        return round;
    }
}
