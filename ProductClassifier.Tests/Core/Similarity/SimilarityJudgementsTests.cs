using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Admins' verdicts on neighbours, and precision@k per category read back from them.</summary>
public sealed class SimilarityJudgementsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_verdict_is_saved_replaced_by_a_second_one_and_taken_back()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var query = await TestCatalogue.AddProductAsync(db, catalogue.Id, "query");
        var neighbour = await TestCatalogue.AddProductAsync(db, catalogue.Id, "neighbour");

        await SimilarityJudgements.SaveAsync(db, "ann", query.Id, neighbour.Id, 4, similar: true);
        await SimilarityJudgements.SaveAsync(db, "bob", query.Id, neighbour.Id, 2, similar: false);

        var saved = await db.SimilarityJudgements.AsNoTracking().SingleAsync(j => j.QueryProductId == query.Id);
        Assert.Equal((neighbour.Id, 2, false, "bob"), (saved.NeighbourProductId, saved.Rank, saved.IsSimilar, saved.Judge));
        Assert.Equal(new Dictionary<long, bool> { [neighbour.Id] = false }, await SimilarityJudgements.ForQueryAsync(db, query.Id));
        await SimilarityJudgements.RemoveAsync(db, query.Id, neighbour.Id);
        Assert.Empty(await SimilarityJudgements.ForQueryAsync(db, query.Id));
    }

    [Fact]
    public async Task Refuses_a_product_as_its_own_neighbour_a_rank_below_one_and_products_of_two_catalogues()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var other = await TestCatalogue.CreateAsync(db);
        var query = await TestCatalogue.AddProductAsync(db, catalogue.Id, "query");
        var neighbour = await TestCatalogue.AddProductAsync(db, catalogue.Id, "neighbour");
        var elsewhere = await TestCatalogue.AddProductAsync(db, other.Id, "elsewhere");

        await Assert.ThrowsAsync<UserFacingException>(() => SimilarityJudgements.SaveAsync(db, "ann", query.Id, query.Id, 1, true));
        await Assert.ThrowsAsync<UserFacingException>(() => SimilarityJudgements.SaveAsync(db, "ann", query.Id, neighbour.Id, 0, true));
        await Assert.ThrowsAsync<UserFacingException>(() => SimilarityJudgements.SaveAsync(db, "ann", query.Id, elsewhere.Id, 1, true));
        Assert.False(await db.SimilarityJudgements.AnyAsync(j => j.QueryProductId == query.Id));
    }

    [Fact]
    public async Task Precision_at_k_is_the_share_judged_similar_averaged_over_each_categorys_queries()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Apparel > Tshirts", "Apparel > Shoes", "Home");
        var (tshirt, shoe, lamp, unlabelled) = (await Product("tshirt", "Apparel", "Apparel > Tshirts"),
            await Product("shoe", "Apparel", "Apparel > Shoes"), await Product("lamp", "Home"), await Product("unlabelled"));
        var neighbours = new List<long>();
        for (var i = 0; i < 4; i++) neighbours.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, $"n{i}")).Id);
        // tshirt: 2 of 3 similar within the top 10 (rank 12 does not count); shoe 1 of 2; lamp 1 of 1; unlabelled 0 of 1.
        await Judge(tshirt, (neighbours[0], 1, true), (neighbours[1], 2, true), (neighbours[2], 3, false), (neighbours[3], 12, false));
        await Judge(shoe, (neighbours[0], 1, false), (neighbours[1], 2, true));
        await Judge(lamp, (neighbours[0], 1, true));
        await Judge(unlabelled, (neighbours[0], 1, false));

        var top = await SimilarityJudgements.PrecisionAsync(db, catalogue.Id, k: 10, depth: 1);
        var leaf = await SimilarityJudgements.PrecisionAsync(db, catalogue.Id, k: 10);
        var atTwo = await SimilarityJudgements.PrecisionAsync(db, catalogue.Id, k: 2, depth: 1);

        Assert.Equal((10, 4, 7), (top.K, top.Queries, top.Judged));
        Assert.Equal((2.0 / 3 + 0.5 + 1 + 0) / 4, top.Overall, 9);
        Assert.Equal([("Apparel", categories["Apparel"]), ("Home", categories["Home"]), ("(no category)", (int?)null)],
            top.Categories.Select(c => (c.Category, c.CategoryId)));
        Assert.Equal([(2, 5), (1, 1), (1, 1)], top.Categories.Select(c => (c.Queries, c.Judged)));
        Assert.Equal([Math.Round((2.0 / 3 + 0.5) / 2, 9), 1, 0], top.Categories.Select(c => Math.Round(c.Precision, 9)));
        Assert.Equal(["Apparel > Shoes", "Apparel > Tshirts", "Home", "(no category)"], leaf.Categories.Select(c => c.Category));
        Assert.Equal([0.5, Math.Round(2.0 / 3, 9), 1, 0], leaf.Categories.Select(c => Math.Round(c.Precision, 9)));
        // Within the top 2 the tshirt's rank-3 "not" no longer counts: Apparel (1 + 0.5) / 2.
        Assert.Equal(0.75, atTwo.Categories[0].Precision, 9);
        return;

        async Task<long> Product(string title, params string[] paths)
        {
            var product = await TestCatalogue.AddProductAsync(db, catalogue.Id, title);
            if (paths.Length > 0) await TestCatalogue.AddReferenceLabelsAsync(db, product.Id, paths.Select(p => categories[p]).ToArray());
            return product.Id;
        }

        async Task Judge(long query, params (long Neighbour, int Rank, bool Similar)[] verdicts)
        {
            foreach (var (neighbour, rank, similar) in verdicts) await SimilarityJudgements.SaveAsync(db, "ann", query, neighbour, rank, similar);
        }
    }
}
