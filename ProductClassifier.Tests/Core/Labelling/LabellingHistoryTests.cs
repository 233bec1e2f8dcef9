using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingHistoryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task History_lists_decisions_in_order_and_an_earlier_one_can_be_changed()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        var (queue, history) = (round.Queue(), round.History());
        foreach (var category in new[] { "Clothing > Shoes", "Home > Kitchen" })
        {
            await queue.DecideAsync("ann", (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id, [round.Categories[category]]);
            round.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var entries = await history.HistoryAsync(round.CatalogueId, "ann");
        var revisited = await history.RevisitAsync(round.CatalogueId, "ann", entries[0].ProductId);
        await queue.DecideAsync("ann", entries[0].ProductId, [round.Categories["Clothing > Shirts"]]);
        var after = await history.HistoryAsync(round.CatalogueId, "ann");

        Assert.Equal(round.Products[..2], entries.Select(e => e.ProductId));
        Assert.Equal(round.Ids("Clothing", "Clothing > Shoes"), revisited.PreviousDecision!.Order());
        Assert.Null(revisited.LeaseExpiresAt);
        Assert.Equal(round.Products[..2], after.Select(e => e.ProductId));
        Assert.Equal(round.Ids("Clothing", "Clothing > Shirts"), after[0].CategoryIds.Order());
        await using var db = database.Open();
        Assert.Equal(1, await db.LabelDecisions.CountAsync(d => d.ProductId == entries[0].ProductId));
        Assert.Equal(round.Products[2], (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id);
    }

    [Fact]
    public async Task Revisiting_someone_elses_item_is_refused()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var item = await round.Queue().NextAsync(round.CatalogueId, "ann");

        await Assert.ThrowsAsync<UserFacingException>(() => round.History().RevisitAsync(round.CatalogueId, "bob", item!.Product.Id));
    }

    [Fact]
    public async Task Progress_counts_the_batch_and_the_labellers_own_day_and_pace()
    {
        var round = await TestRound.CreateAsync(database, items: 4);
        var queue = round.Queue();
        foreach (var seconds in new[] { 30, 60 })
        {
            var item = await queue.NextAsync(round.CatalogueId, "ann");
            round.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await queue.DecideAsync("ann", item!.Product.Id, []);
        }
        await queue.DecideAsync("bob", (await queue.NextAsync(round.CatalogueId, "bob"))!.Product.Id, []);

        var progress = await round.History().ProgressAsync(round.CatalogueId, "ann");

        Assert.NotNull(progress);
        Assert.Equal((4, 3, 2, 2), (progress.Total, progress.Decided, progress.DecidedByMe, progress.DecidedByMeToday));
        Assert.Equal(45, progress.MeanSecondsPerItem!.Value, precision: 6);
    }

    [Fact]
    public async Task Yesterdays_decisions_do_not_count_today()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        await queue.DecideAsync("ann", (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id, []);

        round.Clock.Advance(TimeSpan.FromDays(1));
        var progress = await round.History().ProgressAsync(round.CatalogueId, "ann");

        Assert.Equal((1, 0), (progress!.DecidedByMe, progress.DecidedByMeToday));
        Assert.Null(progress.MeanSecondsPerItem);
    }
}
