using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Blind verdicts on interleaved neighbours in Postgres, credited to the embedding that showed each, and precision@k per embedding.</summary>
public sealed class BlindJudgementsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_verdict_is_stored_with_its_team_ranks_filter_judge_and_time_per_judge_and_replaced_when_judged_again()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Home > Mugs");
        var query = await TestCatalogue.AddProductAsync(db, catalogue.Id, "query");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"n{i}")).Id);
        var shown = TeamDraftInterleaving.Interleave([ids[0], ids[1], ids[2]], [ids[2], ids[3]], seed: 11);
        var before = DateTime.UtcNow.AddSeconds(-5);

        foreach (var (n, rank) in shown.Select((n, i) => (n, i + 1)))
            await BlindJudgements.SaveAsync(db, "ann", query.Id, n, rank, categories["Home > Mugs"], similar: rank % 2 == 1);
        await BlindJudgements.SaveAsync(db, "bob", query.Id, shown[0], 1, null, similar: false);

        var stored = await db.BlindJudgements.AsNoTracking().Where(j => j.QueryProductId == query.Id && j.Judge == "ann")
            .OrderBy(j => j.ShownRank).ToListAsync();
        Assert.Equal(shown.Select(n => (n.ProductId, n.Team, n.PretrainedRank, n.LearnedRank)),
            stored.Select(j => (j.NeighbourProductId, j.Team, j.PretrainedRank, j.LearnedRank)));
        // Neighbours only one embedding returned are credited to it.
        Assert.Equal(SimilarityEmbedding.Pretrained, stored.Single(j => j.NeighbourProductId == ids[0]).Team);
        Assert.Equal(SimilarityEmbedding.Learned, stored.Single(j => j.NeighbourProductId == ids[3]).Team);
        Assert.All(stored, j => Assert.Equal(categories["Home > Mugs"], j.CategoryId));
        Assert.All(stored, j => Assert.InRange(j.JudgedAt, before, DateTime.UtcNow.AddSeconds(5)));
        Assert.Equal(shown.Count, stored.Count);
        Assert.Equal(new Dictionary<long, bool> { [shown[0].ProductId] = false }, await BlindJudgements.ForQueryAsync(db, "bob", query.Id));

        await BlindJudgements.SaveAsync(db, "ann", query.Id, shown[0], 1, null, similar: false);
        await BlindJudgements.RemoveAsync(db, "ann", query.Id, shown[1].ProductId);

        var ann = await BlindJudgements.ForQueryAsync(db, "ann", query.Id);
        Assert.False(ann[shown[0].ProductId]);
        Assert.False(ann.ContainsKey(shown[1].ProductId));
        Assert.Single(await BlindJudgements.ForQueryAsync(db, "bob", query.Id));
    }

    [Fact]
    public async Task Refuses_a_team_that_did_not_return_the_neighbour_the_query_itself_and_another_catalogues_product()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var other = await TestCatalogue.CreateAsync(db);
        var query = await TestCatalogue.AddProductAsync(db, catalogue.Id, "query");
        var neighbour = await TestCatalogue.AddProductAsync(db, catalogue.Id, "neighbour");
        var elsewhere = await TestCatalogue.AddProductAsync(db, other.Id, "elsewhere");

        await Assert.ThrowsAsync<UserFacingException>(() => BlindJudgements.SaveAsync(db, "ann", query.Id,
            new InterleavedNeighbour(neighbour.Id, SimilarityEmbedding.Learned, 1, null), 1, null, true));
        await Assert.ThrowsAsync<UserFacingException>(() => BlindJudgements.SaveAsync(db, "ann", query.Id,
            new InterleavedNeighbour(query.Id, SimilarityEmbedding.Pretrained, 1, null), 1, null, true));
        await Assert.ThrowsAsync<UserFacingException>(() => BlindJudgements.SaveAsync(db, "ann", query.Id,
            new InterleavedNeighbour(elsewhere.Id, SimilarityEmbedding.Pretrained, 1, null), 1, null, true));
        Assert.False(await db.BlindJudgements.AnyAsync(j => j.QueryProductId == query.Id));
    }

    [Fact]
    public async Task Precision_at_k_of_each_embedding_counts_the_verdicts_on_its_own_top_k_per_query_and_category()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Home > Mugs", "Apparel");
        var mug = await TestCatalogue.AddProductAsync(db, catalogue.Id, "mug");
        await TestCatalogue.AddReferenceLabelsAsync(db, mug.Id, categories["Home"], categories["Home > Mugs"]);
        var shirt = await TestCatalogue.AddProductAsync(db, catalogue.Id, "shirt");
        await TestCatalogue.AddReferenceLabelsAsync(db, shirt.Id, categories["Apparel"]);
        var n = new Dictionary<char, long>();
        foreach (var name in "abcdef") n[name] = (await TestCatalogue.AddProductAsync(db, catalogue.Id, name.ToString())).Id;
        // mug: pretrained a b c, learned c d a; verdicts a, c, d similar, b not.
        // shirt: pretrained e, learned f; e not similar, f similar.
        var similar = new HashSet<long> { n['a'], n['c'], n['d'], n['f'] };
        var sessions = new[]
        {
            (mug.Id, TeamDraftInterleaving.Interleave([n['a'], n['b'], n['c']], [n['c'], n['d'], n['a']], seed: 4)),
            (shirt.Id, TeamDraftInterleaving.Interleave([n['e']], [n['f']], seed: 4)),
        };
        foreach (var (query, shown) in sessions)
            foreach (var (neighbour, rank) in shown.Select((x, i) => (x, i + 1)))
                await BlindJudgements.SaveAsync(db, "ann", query, neighbour, rank, null, similar.Contains(neighbour.ProductId));

        var at3 = await BlindJudgements.PrecisionAsync(db, catalogue.Id, k: 3, depth: 1);
        var at1 = await BlindJudgements.PrecisionAsync(db, catalogue.Id, k: 1, depth: 1);

        Assert.Equal((2, 6), (at3.Queries, at3.Verdicts));
        Assert.Equal((2.0 / 3 + 0) / 2, at3.Pretrained.Precision!.Value, 9);
        Assert.Equal(1.0, at3.Learned.Precision!.Value, 9);
        Assert.Equal((2, 4), (at3.Pretrained.Queries, at3.Pretrained.Judged));
        Assert.Equal((0.5, 1.0), (at1.Pretrained.Precision, at1.Learned.Precision)); // mug: a and c; shirt: e and f
        var rows = at3.Categories.ToDictionary(c => c.Category);
        Assert.Equal(["Apparel", "Home"], at3.Categories.Select(c => c.Category));
        Assert.Equal(2.0 / 3, rows["Home"].Pretrained.Precision!.Value, 9);
        Assert.Equal((0.0, 1.0), (rows["Apparel"].Pretrained.Precision, rows["Apparel"].Learned.Precision));
        // The team-draft outcome counts similar verdicts credited to each team, per query and judge.
        var expected = sessions.Select(s => s.Item2.Where(x => similar.Contains(x.ProductId))
            .Sum(x => x.Team == SimilarityEmbedding.Learned ? 1 : -1)).ToList();
        Assert.Equal(new TeamDraftOutcome(expected.Count(c => c > 0), expected.Count(c => c < 0), expected.Count(c => c == 0)), at3.Outcome);
        Assert.Equal(1, at3.Outcome.LearnedWins - (expected[0] > 0 ? 1 : 0)); // shirt: learned's f similar, pretrained's e not
    }
}
