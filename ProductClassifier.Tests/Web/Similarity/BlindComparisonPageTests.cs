using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Labelling;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary>
/// The blind comparison on <c>/similar</c>, clicked through in bUnit: both embeddings' neighbours interleaved, each shown
/// once and nothing saying which embedding showed it, and each verdict stored credited to the right one.
/// </summary>
public sealed class BlindComparisonPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly PublishedIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task Shows_each_neighbour_of_either_embedding_once_without_distances_and_credits_each_verdict_to_the_embedding_that_showed_it()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var ids = new Dictionary<string, long>();
        foreach (var title in new[] { "query", "a", "b", "c", "d", "e" })
            ids[title] = (await TestCatalogue.AddProductAsync(db, catalogue.Id, title)).Id;
        // The three nearest by the pretrained embedding are a, b, c; by the learned one c, d, e: c both return.
        var pretrained = new Dictionary<string, double> { ["query"] = 0, ["a"] = 0.1, ["b"] = 0.2, ["c"] = 0.3, ["d"] = 1.0, ["e"] = 1.1 };
        var learned = new Dictionary<string, double> { ["query"] = 0, ["c"] = 0.1, ["d"] = 0.2, ["e"] = 0.3, ["a"] = 1.0, ["b"] = 1.1 };
        var options = new SimilarityOptions { Folder = _index.Folder, ReloadCheckInterval = TimeSpan.Zero };
        await PublishAsync(db, catalogue.Id, catalogue.Name, options, SimilarityEmbedding.Pretrained,
            ids.Select((p, i) => (p.Value, PublishedIndex.AtAngle(pretrained[p.Key], i + 1))).ToList());
        await PublishAsync(db, catalogue.Id, catalogue.Name, options, SimilarityEmbedding.Learned,
            ids.Select((p, i) => (p.Value, AtAngle(learned[p.Key], i + 1))).ToList());
        await using var ctx = PageTestContext.Create(database, Roles.Admin, services => AddSimilaritySearch(services, options));

        var page = ctx.Open<SimilarPage>($"/similar?catalogue={catalogue.Name}&product={ids["query"]}&k=3&evaluate=true&blind=true");
        page.Eventually(() => Assert.Equal(5, page.FindAll(".similar-card").Count));

        var shown = page.FindAll(".similar-card").Select(c => long.Parse(c.GetAttribute("data-product")!)).ToList();
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }.Select(t => ids[t]).Order(), shown.Order()); // each once
        Assert.Empty(page.FindAll("[data-testid=distance]"));
        var grid = page.Find("[data-testid=neighbours]").OuterHtml;
        Assert.DoesNotContain("learned", grid, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pretrained", grid, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No blind verdicts yet", page.Find("[data-testid=blind-precision]").TextContent);

        foreach (var product in shown)
        {
            page.Find($".similar-card[data-product='{product}'] [data-testid=similar]").Click();
            page.Eventually(() => Assert.Contains("mud-button-filled", page.Find($".similar-card[data-product='{product}'] [data-testid=similar]").ClassName));
        }

        var stored = await db.BlindJudgements.AsNoTracking().Where(j => j.QueryProductId == ids["query"]).ToDictionaryAsync(j => j.NeighbourProductId);
        Assert.Equal(5, stored.Count);
        Assert.All(stored.Values, j => Assert.Equal(("sam", true), (j.Judge, j.IsSimilar)));
        Assert.Equal(shown.Select((p, i) => (p, i + 1)), stored.Values.OrderBy(j => j.ShownRank).Select(j => (j.NeighbourProductId, j.ShownRank)));
        // a and b only the pretrained embedding returned, d and e only the learned one; c both, credited to whichever picked it.
        Assert.Equal(SimilarityEmbedding.Pretrained, stored[ids["a"]].Team);
        Assert.Equal(SimilarityEmbedding.Pretrained, stored[ids["b"]].Team);
        Assert.Equal(SimilarityEmbedding.Learned, stored[ids["d"]].Team);
        Assert.Equal(SimilarityEmbedding.Learned, stored[ids["e"]].Team);
        Assert.Equal((3, 1), (stored[ids["c"]].PretrainedRank, stored[ids["c"]].LearnedRank));
        Assert.Equal(((int?)null, (int?)3), (stored[ids["e"]].PretrainedRank, stored[ids["e"]].LearnedRank));
        page.Eventually(() => Assert.Contains("pretrained 1.000, learned 1.000", page.Find("[data-testid=blind-overall]").TextContent));
    }

    private static void AddSimilaritySearch(IServiceCollection services, SimilarityOptions options)
    {
        services.AddSingleton(new SimilarityIndexes(Options.Create(options)));
        services.AddSingleton<SimilarProducts>();
        services.AddSingleton(new ImageFeaturizer(new ImageFeaturizerOptions { Sessions = 1 })); // loads no model until an upload
        services.AddSingleton<TaxonomyCache>();
        services.AddSingleton(Options.Create(new SimilaritySearchOptions()));
        services.AddSingleton<SimilaritySearch>();
    }

    private static async Task PublishAsync(ProductClassifier.Core.Data.ClassifierDb db, int catalogueId, string catalogue, SimilarityOptions options,
        SimilarityEmbedding embedding, IReadOnlyList<(long ProductId, float[] Vector)> vectors)
    {
        var model = options.For(embedding).EmbeddingModel;
        await EmbeddingStore.SaveAsync(db, catalogueId, model, vectors, vectors.Select(v => v.ProductId).ToHashSet());
        using var indexes = new SimilarityIndexes(Options.Create(options));
        using var writer = indexes.OpenWriter(catalogue, embedding);
        await new SimilaritySync(db, writer, model).CatchUpAsync(catalogueId);
    }

    private static float[] AtAngle(double angle, int axis)
    {
        var vector = new float[LearnedEmbedding.Dimensions];
        vector[0] = (float)Math.Cos(angle);
        vector[axis] += (float)Math.Sin(angle);
        return vector;
    }
}
