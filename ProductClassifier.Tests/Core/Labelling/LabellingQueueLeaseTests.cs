using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingQueueLeaseTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Twenty_labellers_asking_at_once_never_get_the_same_item()
    {
        var round = await TestRound.CreateAsync(database, items: 50);
        var queue = round.Queue();
        var decided = new ConcurrentBag<(string Labeller, long Product)>();

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(l => Task.Run(() => queue.NextAsync(round.CatalogueId, $"l{l}"))));
        Assert.Equal(20, first.Select(i => i!.Product.Id).Distinct().Count());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(l => Task.Run(async () =>
        {
            while (await queue.NextAsync(round.CatalogueId, $"l{l}") is { } item)
            {
                await queue.DecideAsync($"l{l}", item.Product.Id, []);
                decided.Add(($"l{l}", item.Product.Id));
            }
        })));

        Assert.Equal(round.Products.Order(), decided.Select(d => d.Product).Order());
        await using var db = database.Open();
        Assert.Equal(50, await db.LabelDecisions.CountAsync(d => d.BatchId == round.BatchId));
    }

    [Fact]
    public async Task Overlap_items_go_to_exactly_two_different_labellers()
    {
        var round = await TestRound.CreateAsync(database, items: 6, overlap: 1.0);
        var queue = round.Queue();
        var decided = new ConcurrentBag<(string Labeller, long Product)>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(l => Task.Run(async () =>
        {
            while (await queue.NextAsync(round.CatalogueId, $"l{l}") is { } item)
            {
                await queue.DecideAsync($"l{l}", item.Product.Id, []);
                decided.Add(($"l{l}", item.Product.Id));
            }
        })));

        var byProduct = decided.GroupBy(d => d.Product).ToDictionary(g => g.Key, g => g.Select(d => d.Labeller).ToList());
        Assert.Equal(round.Products.Order(), byProduct.Keys.Order());
        Assert.All(byProduct.Values, labellers => Assert.Equal(2, labellers.Distinct().Count()));
        Assert.All(byProduct.Values, labellers => Assert.Equal(2, labellers.Count));
    }

    [Fact]
    public async Task Only_the_overlap_fraction_is_given_twice()
    {
        var round = await TestRound.CreateAsync(database, items: 40, overlap: 0.25);
        var queue = round.Queue();
        var decided = new List<long>();
        foreach (var labeller in new[] { "ann", "bob" })
            while (await queue.NextAsync(round.CatalogueId, labeller) is { } item)
            {
                await queue.DecideAsync(labeller, item.Product.Id, []);
                decided.Add(item.Product.Id);
            }

        var twice = decided.GroupBy(p => p).Where(g => g.Count() == 2).Select(g => g.Key).Order().ToList();
        Assert.NotEmpty(twice);
        Assert.Equal(round.Products.Where(p => OverlapSample.IsOverlap(p, 0.25)).Order(), twice);
        Assert.Equal(round.Products.Order(), decided.Distinct().Order());
    }

    [Fact]
    public async Task A_batch_opened_with_an_overlap_share_of_its_own_uses_it_instead_of_the_configured_one()
    {
        var round = await TestRound.CreateAsync(database, items: 6, overlap: 0);
        await using (var db = database.Open())
            await db.LabellingBatches.Where(b => b.Id == round.BatchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.OverlapFraction, 1.0));
        var queue = round.Queue();
        var decided = new List<long>();
        foreach (var labeller in new[] { "ann", "bob" })
            while (await queue.NextAsync(round.CatalogueId, labeller) is { } item)
            {
                await queue.DecideAsync(labeller, item.Product.Id, []);
                decided.Add(item.Product.Id);
            }

        Assert.Equal(12, decided.Count);
        Assert.All(decided.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task An_expired_lease_returns_the_item_to_the_pool()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        var held = await queue.NextAsync(round.CatalogueId, "ann");
        Assert.Equal(round.Products[0], held!.Product.Id);

        round.Clock.Advance(round.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        var taken = await queue.NextAsync(round.CatalogueId, "bob");

        Assert.Equal(round.Products[0], taken!.Product.Id);
        await Assert.ThrowsAsync<UserFacingException>(() => queue.DecideAsync("ann", round.Products[0], []));
        Assert.Equal(round.Products[1], (await queue.NextAsync(round.CatalogueId, "ann"))!.Product.Id);
    }

    [Fact]
    public async Task An_unexpired_lease_keeps_the_item_from_others()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        await queue.NextAsync(round.CatalogueId, "ann");

        round.Clock.Advance(round.Options.LeaseDuration - TimeSpan.FromSeconds(1));

        Assert.Equal(round.Products[1], (await queue.NextAsync(round.CatalogueId, "bob"))!.Product.Id);
        Assert.Null(await queue.NextAsync(round.CatalogueId, "cid"));
    }

    [Fact]
    public async Task A_reload_resumes_the_same_item_even_after_its_lease_ran_out_unclaimed()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        var before = await round.Queue().NextAsync(round.CatalogueId, "ann");

        var reloaded = await round.Queue().NextAsync(round.CatalogueId, "ann");
        round.Clock.Advance(TimeSpan.FromHours(2));
        var afterLunch = await round.Queue().NextAsync(round.CatalogueId, "ann");

        Assert.Equal(before!.Product.Id, reloaded!.Product.Id);
        Assert.Equal(before.Product.Id, afterLunch!.Product.Id);
        Assert.Equal(round.Clock.GetUtcNow().UtcDateTime + round.Options.LeaseDuration, afterLunch.LeaseExpiresAt);
    }

    [Fact]
    public async Task A_skipped_item_goes_to_someone_else_and_never_back_to_the_skipper()
    {
        var round = await TestRound.CreateAsync(database, items: 2);
        var queue = round.Queue();
        var skipped = await queue.NextAsync(round.CatalogueId, "ann");
        await queue.SkipAsync("ann", skipped!.Product.Id);

        var annNext = await queue.NextAsync(round.CatalogueId, "ann");
        var bobNext = await queue.NextAsync(round.CatalogueId, "bob");
        await queue.DecideAsync("ann", annNext!.Product.Id, []);

        Assert.Equal(round.Products[1], annNext.Product.Id);
        Assert.Equal(skipped.Product.Id, bobNext!.Product.Id);
        Assert.Null(await queue.NextAsync(round.CatalogueId, "ann"));
        var refused = await Assert.ThrowsAsync<UserFacingException>(() => queue.DecideAsync("ann", skipped.Product.Id, []));
        Assert.Contains("You skipped", refused.Message);
    }
}
