using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingQueueDecisionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_decision_is_stored_with_its_ancestors_the_moment_it_is_made()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        var item = await queue.NextAsync(round.CatalogueId, "ann");

        var saved = await queue.DecideAsync("ann", item!.Product.Id, [round.Categories["Clothing > Shirts"]]);

        await using var db = database.Open();
        var stored = await db.LabelDecisions.SingleAsync(d => d.ProductId == item.Product.Id);
        Assert.Equal(round.Ids("Clothing", "Clothing > Shirts"), stored.PositiveCategoryIds.Order());
        Assert.Equal(("ann", round.BatchId, false), (stored.Labeller, stored.BatchId!.Value, stored.IsResolution));
        Assert.Equal(stored.PositiveCategoryIds.Order(), saved.CategoryIds.Order());
        Assert.NotNull((await db.Assignments.SingleAsync(a => a.ProductId == item.Product.Id)).DecidedAt);
    }

    [Fact]
    public async Task Saving_the_same_decision_twice_stores_it_once()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        var item = await queue.NextAsync(round.CatalogueId, "ann");

        var first = await queue.DecideAsync("ann", item!.Product.Id, [round.Categories["Home > Kitchen"]]);
        round.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await queue.DecideAsync("ann", item.Product.Id, [round.Categories["Home > Kitchen"], round.Categories["Home"]]);

        Assert.Equal(first, again with { CategoryIds = first.CategoryIds });
        await using var db = database.Open();
        Assert.Equal(1, await db.LabelDecisions.CountAsync(d => d.ProductId == item.Product.Id));
    }

    [Fact]
    public async Task Deciding_a_product_leased_to_someone_else_is_refused_and_saves_nothing()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        var anns = await queue.NextAsync(round.CatalogueId, "ann");

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => queue.DecideAsync("bob", anns!.Product.Id, []));

        Assert.Contains("not leased to bob", refused.Message);
        await using var db = database.Open();
        Assert.False(await db.LabelDecisions.AnyAsync(d => d.BatchId == round.BatchId));
    }

    [Fact]
    public async Task A_category_outside_the_taxonomy_is_refused()
    {
        var round = await TestRound.CreateAsync(database, items: 1);
        var queue = round.Queue();
        var item = await queue.NextAsync(round.CatalogueId, "ann");

        await Assert.ThrowsAsync<UserFacingException>(() => queue.DecideAsync("ann", item!.Product.Id, [int.MaxValue]));

        await using var db = database.Open();
        Assert.False(await db.LabelDecisions.AnyAsync(d => d.BatchId == round.BatchId));
        Assert.Equal(item!.Product.Id, (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id);
    }

    [Fact]
    public async Task Undo_removes_the_last_decision_and_hands_that_product_back()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        var queue = round.Queue();
        foreach (var category in new[] { "Clothing > Shoes", "Home > Kitchen" })
            await queue.DecideAsync("ann", (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id, [round.Categories[category]]);

        var undone = await queue.UndoAsync(round.CatalogueId, "ann");

        Assert.Equal(round.Products[1], undone!.Product.Id);
        Assert.Equal(round.Ids("Home", "Home > Kitchen"), undone.PreviousDecision!.Order());
        await using var db = database.Open();
        Assert.Equal(new[] { round.Products[0] }, await db.LabelDecisions.Where(d => d.BatchId == round.BatchId).Select(d => d.ProductId).ToListAsync());
        Assert.Equal(round.Products[1], (await round.Queue().NextAsync(round.CatalogueId, "ann"))!.Product.Id);
        Assert.Equal(round.Products[2], (await queue.NextAsync(round.CatalogueId, "bob"))!.Product.Id);
    }

    [Fact]
    public async Task Undo_with_nothing_decided_does_nothing()
    {
        var round = await TestRound.CreateAsync(database, items: 1);

        Assert.Null(await round.Queue().UndoAsync(round.CatalogueId, "ann"));
    }
}
