using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using ProductClassifier.Core;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Embedded;

namespace ProductClassifier.Tests.Core.Similarity;

public sealed class EmbeddedSimilarityIndexTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-similarity-").FullName;

    // One build thread: the graph, and so every result, is the same on every run. Quantisation: the default's unless given.
    private static IOptions<SimilarityOptions> Options(int exactCategoryLimit = 5000,
        VectorQuantization? quantization = null) => Microsoft.Extensions.Options.Options.Create(
        new SimilarityOptions
        {
            ReloadCheckInterval = TimeSpan.Zero,
            ExactCategoryLimit = exactCategoryLimit,
            BuildThreads = 1,
            Quantization = quantization ?? new SimilarityOptions().Quantization,
        });

    private static List<SimilarityEntry> Entries(float[][] vectors, int firstId = 1, Func<long, int[]>? categories = null) =>
        vectors.Select((v, i) => new SimilarityEntry(firstId + i, v, categories?.Invoke(firstId + i) ?? [], [])).ToList();

    [Theory]
    [InlineData(VectorQuantization.Float32)]
    [InlineData(VectorQuantization.Float16)]
    [InlineData(VectorQuantization.Int8)]
    public async Task A_published_index_reloads_with_identical_results(VectorQuantization quantization)
    {
        var vectors = TestVectors.Clustered(2000);
        var queries = TestVectors.Clustered(25, seed: 7);
        List<IReadOnlyList<SimilarProduct>> before = [];
        // Readers open with the default options: the file, not the configuration, says how its vectors are stored.
        using (var writer = new EmbeddedSimilarityWriter(_folder, Options(quantization: quantization)))
        {
            await writer.UpsertAsync(Entries(vectors));
            await writer.PublishAsync(watermark: 42);
            foreach (var q in queries) before.Add(await writer.SearchAsync(new SimilarityQuery(q, 10)));
        }

        using var reader = new EmbeddedSimilarityReader(_folder, Options());
        using var reopened = new EmbeddedSimilarityWriter(_folder, Options(quantization: quantization));
        Assert.Equal(2000, await reader.CountAsync());
        Assert.Equal(42, await reopened.WatermarkAsync());
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(10, before[i].Count);
            Assert.Equal(before[i], await reader.SearchAsync(new SimilarityQuery(queries[i], 10)));
            Assert.Equal(before[i], await reopened.SearchAsync(new SimilarityQuery(queries[i], 10)));
        }
    }

    [Fact]
    public async Task A_reader_swaps_in_products_added_and_published_later()
    {
        var vectors = TestVectors.Clustered(600);
        using var writer = new EmbeddedSimilarityWriter(_folder, Options());
        await writer.UpsertAsync(Entries(vectors[..500]));
        await writer.PublishAsync(1);
        using var reader = new EmbeddedSimilarityReader(_folder, Options());
        Assert.Equal(500, await reader.CountAsync());
        var firstVersion = reader.Version;

        await writer.UpsertAsync(Entries(vectors[500..], firstId: 501));
        Assert.Equal(500, await reader.CountAsync()); // not published yet
        await writer.PublishAsync(2);

        Assert.Equal(600, await reader.CountAsync());
        Assert.True(reader.Version > firstVersion);
        var nearest = await reader.SearchAsync(new SimilarityQuery(vectors[549], 1));
        Assert.Equal(550, nearest.Single().ProductId);
        Assert.True(nearest.Single().Distance < 1e-4);
    }

    [Fact]
    public async Task Upsert_replaces_a_vector_and_remove_drops_the_product()
    {
        var vectors = TestVectors.Clustered(300);
        using var writer = new EmbeddedSimilarityWriter(_folder, Options());
        await writer.UpsertAsync(Entries(vectors));
        await writer.UpsertAsync([new SimilarityEntry(1, vectors[200], [], [])]);
        await writer.RemoveAsync([2L]);

        Assert.Equal(299, await writer.CountAsync());
        var near201 = (await writer.SearchAsync(new SimilarityQuery(vectors[200], 2))).Select(n => n.ProductId).Order();
        Assert.Equal([1L, 201L], near201);
        Assert.DoesNotContain(2L, (await writer.SearchAsync(new SimilarityQuery(vectors[1], 10))).Select(n => n.ProductId));
    }

    [Fact]
    public async Task The_query_product_is_left_out_when_asked()
    {
        var vectors = TestVectors.Clustered(300);
        using var writer = new EmbeddedSimilarityWriter(_folder, Options());
        await writer.UpsertAsync(Entries(vectors));

        var found = await writer.SearchAsync(new SimilarityQuery(vectors[9], 5, ExcludeProductId: 10));

        Assert.Equal(5, found.Count);
        Assert.DoesNotContain(10L, found.Select(n => n.ProductId));
        Assert.Equal(TestVectors.ExactNearest(vectors, vectors[9], 5, exclude: 10), found.Select(n => n.ProductId));
    }

    [Theory]
    [InlineData(5000)] // small categories: exact scan over the members
    [InlineData(0)]    // forced filtered graph walk
    public async Task A_category_filter_returns_only_its_members_nearest_first(int exactCategoryLimit)
    {
        var vectors = TestVectors.Clustered(3000);
        int[] CategoriesOf(long id) => id % 10 == 0 ? [1, 2] : [1]; // category 2: a tenth of the products
        using var writer = new EmbeddedSimilarityWriter(_folder, Options(exactCategoryLimit));
        await writer.UpsertAsync(Entries(vectors, categories: CategoriesOf));

        var recall = 0.0;
        foreach (var query in TestVectors.Clustered(20, seed: 5))
        {
            var found = await writer.SearchAsync(new SimilarityQuery(query, 10, CategoryId: 2));
            Assert.Equal(10, found.Count);
            Assert.All(found, n => Assert.Equal(0, n.ProductId % 10));
            Assert.Equal(found.OrderBy(n => n.Distance), found);
            var exact = TestVectors.ExactNearest(vectors, query, 10, id => id % 10 == 0);
            recall += found.Count(n => exact.Contains(n.ProductId)) / 10.0 / 20;
        }
        Assert.True(recall >= 0.9, $"filtered recall@10 {recall:F3}");
        Assert.Empty(await writer.SearchAsync(new SimilarityQuery(vectors[0], 10, CategoryId: 99)));
    }

    [Fact]
    public async Task Recall_at_10_of_the_default_index_against_brute_force_is_at_least_0_95()
    {
        // Rank 96: hard enough that USearch's own default expansion (64) stays near 0.92 here.
        var vectors = TestVectors.LowRank(4000, rank: 96, seed: 11);
        using var writer = new EmbeddedSimilarityWriter(_folder, Options());
        await writer.UpsertAsync(Entries(vectors));

        var queries = TestVectors.LowRank(200, rank: 96, seed: 12);
        var recall = 0.0;
        foreach (var query in queries)
        {
            var exact = TestVectors.ExactNearest(vectors, query, 10);
            var found = await writer.SearchAsync(new SimilarityQuery(query, 10));
            recall += found.Count(n => exact.Contains(n.ProductId)) / 10.0 / queries.Length;
        }
        output.WriteLine($"recall@10 {recall:F4}");
        Assert.True(recall >= 0.95, $"recall@10 {recall:F3}");
    }

    [Fact]
    public async Task An_int8_index_keeps_the_neighbours_of_512_d_unit_vectors()
    {
        // Components of a 512-d unit vector are a few hundredths: scaled to unit length × 127 (USearch's own cast) they
        // take a handful of levels; scaled to the largest component they keep the ranking.
        var vectors = TestVectors.LowRank(4000, rank: 96, seed: 11);
        var queries = TestVectors.LowRank(100, rank: 96, seed: 12);
        double Overlap(Func<float[], float[]> quantise)
        {
            var stored = vectors.Select(quantise).ToArray();
            return queries.Average(q => TestVectors.ExactNearest(stored, quantise(q), 10)
                .Intersect(TestVectors.ExactNearest(vectors, q, 10)).Count() / 10.0);
        }
        var scaled = Overlap(v =>
        {
            var q = new sbyte[v.Length];
            HnswGraph.ToInt8(v, q);
            return q.Select(x => (float)x).ToArray();
        });
        var unitCast = Overlap(v => v.Select(x => (float)Math.Round(x * 127)).ToArray());
        output.WriteLine($"top-10 kept: scaled int8 {scaled:F3}, unit-length int8 {unitCast:F3}");
        Assert.True(scaled >= 0.98 && scaled > unitCast + 0.02, $"scaled {scaled:F3}, unit-length cast {unitCast:F3}");

        using var writer = new EmbeddedSimilarityWriter(_folder, Options(quantization: VectorQuantization.Int8));
        await writer.UpsertAsync(Entries(vectors));
        var recall = 0.0;
        foreach (var query in queries)
        {
            var exact = TestVectors.ExactNearest(vectors, query, 10);
            recall += (await writer.SearchAsync(new SimilarityQuery(query, 10))).Count(n => exact.Contains(n.ProductId)) / 10.0 / queries.Length;
        }
        output.WriteLine($"int8 index recall@10 {recall:F3}");
        Assert.True(recall >= 0.9, $"int8 index recall@10 {recall:F3}");
    }

    [Fact]
    public async Task An_int8_index_stores_its_vectors_in_a_quarter_of_the_bytes()
    {
        var vectors = TestVectors.Clustered(2000);
        async Task<long> Published(VectorQuantization quantization)
        {
            var folder = Path.Combine(_folder, quantization.ToString());
            using var writer = new EmbeddedSimilarityWriter(folder, Options(quantization: quantization));
            await writer.UpsertAsync(Entries(vectors));
            await writer.PublishAsync(1);
            return new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }

        var exact = await Published(VectorQuantization.Float32);
        var int8 = await Published(VectorQuantization.Int8);
        output.WriteLine($"float32 {exact:N0} bytes, int8 {int8:N0} bytes");
        // The graph's links are the same either way; the vectors shrink 4×.
        var vectorBytes = (long)vectors.Length * vectors[0].Length;
        Assert.InRange(exact - int8, 2.5 * vectorBytes, 3.5 * vectorBytes);
    }

    [Fact]
    public void A_second_writer_on_the_same_index_is_refused()
    {
        using var writer = new EmbeddedSimilarityWriter(_folder, Options());
        var refused = Assert.Throws<UserFacingException>(() => new EmbeddedSimilarityWriter(_folder, Options()));
        Assert.Contains("Another process is writing", refused.Message);
    }

    [Fact]
    public async Task A_reader_of_an_index_never_published_searches_as_empty()
    {
        using var reader = new EmbeddedSimilarityReader(_folder, Options());
        Assert.Equal(0, await reader.CountAsync());
        Assert.Empty(await reader.SearchAsync(new SimilarityQuery(TestVectors.Clustered(1)[0], 10)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
